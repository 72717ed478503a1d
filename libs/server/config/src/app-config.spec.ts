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
