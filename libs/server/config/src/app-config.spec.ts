import { ConfigError, loadConfig } from './app-config';

describe(loadConfig.name, () => {
  it('should apply the local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/chonai_rr');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.api.port).toBe(3000);
    expect(config.web.port).toBe(4200);
    expect(config.auth.oidc).toBeUndefined();
  });

  it('should list every invalid variable at once when several are wrong', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url' });
      fail('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
      expect(problems.some((p) => p.startsWith('DATABASE_URL'))).toBe(true);
    }
  });

  it('should default notifications to the local SMTP sink with a development webhook secret', () => {
    const config = loadConfig({});
    expect(config.notifications.smtp.url).toBe('smtp://127.0.0.1:1025');
    expect(config.notifications.webhook.secret.length).toBeGreaterThanOrEqual(16);
    expect(config.notifications.webhook.allowedHosts).toEqual([]);
    expect(config.notifications.leaseMs).toBeGreaterThan(config.notifications.smtp.timeoutMs);
  });

  it('should refuse production without a webhook secret and a lease shorter than a send timeout', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WEBHOOK_SECRET/);
    expect(() => loadConfig({ NOTIFY_LEASE_MS: '5000', SMTP_TIMEOUT_MS: '15000' })).toThrow(/NOTIFY_LEASE_MS/);
  });

  it('should parse the webhook host allow-list and refuse a non-SMTP URL', () => {
    expect(loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'Chat.City.Example, hooks.example.jp' }).notifications.webhook.allowedHosts).toEqual(['chat.city.example', 'hooks.example.jp']);
    expect(() => loadConfig({ SMTP_URL: 'http://127.0.0.1:1025' })).toThrow(/SMTP_URL/);
  });

  it('should refuse a partial OIDC configuration', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000' })).toThrow(/must be set together/);
  });

  it('should build the OIDC block when all four variables are set', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'http://127.0.0.1:9000',
      OIDC_CLIENT_ID: 'rr',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URI: 'http://localhost:4200/api/auth/oidc/callback',
    });
    expect(config.auth.oidc?.clientId).toBe('rr');
    expect(config.auth.oidc?.matchClaim).toBe('email');
  });
});
