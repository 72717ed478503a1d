import { signWebhook, verifyWebhook } from './webhook-signature';
import { webhookHostAllowed } from './webhook.channel';

describe(signWebhook.name, () => {
  const secret = 'a-secret-of-sixteen+';
  const at = new Date('2026-12-03T00:00:00Z');

  it('should produce a signature that verifies for the same body and secret only', () => {
    const sig = signWebhook(secret, '{"a":1}', at);
    expect(sig).toMatch(/^t=1796256000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, '{"a":1}', sig, at)).toBe(true);
    expect(verifyWebhook(secret, '{"a":2}', sig, at)).toBe(false);
    expect(verifyWebhook('another-secret-value', '{"a":1}', sig, at)).toBe(false);
  });

  it('should refuse a signature older than the tolerance (replay)', () => {
    const sig = signWebhook(secret, 'x', at);
    expect(verifyWebhook(secret, 'x', sig, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook(secret, 'x', 'garbage', at)).toBe(false);
  });
});

describe(webhookHostAllowed.name, () => {
  it('should allow any http(s) host with an empty list, and only listed hosts (and subdomains) otherwise', () => {
    expect(webhookHostAllowed('http://127.0.0.1/x', [])).toBe(true);
    expect(webhookHostAllowed('file:///etc/passwd', [])).toBe(false);
    expect(webhookHostAllowed('https://chat.hooks.example.jp/x', ['hooks.example.jp'])).toBe(true);
    expect(webhookHostAllowed('https://hooks.example.jp.evil.example/x', ['hooks.example.jp'])).toBe(false);
    expect(webhookHostAllowed('https://evilhooks.example.jp/x', ['hooks.example.jp'])).toBe(false);
    expect(webhookHostAllowed('not a url', ['hooks.example.jp'])).toBe(false);
  });
});
