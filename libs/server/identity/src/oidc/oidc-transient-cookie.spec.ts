import { OIDC_TRANSIENT_TTL_MS, OidcTransientCookieSealer } from './oidc-transient-cookie';

const attempt = { state: 'st-123', nonce: 'no-456', codeVerifier: 'v'.repeat(43), returnTo: '/cars?x=1' };
const now = new Date('2026-04-01T09:00:00+09:00');

function flip(text: string, at: number): string {
  return `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
}

describe(OidcTransientCookieSealer.name, () => {
  const sealer = new OidcTransientCookieSealer('client-secret', 'https://idp.example.jp', 'rr');

  describe('unseal', () => {
    it('should return the sealed attempt when the cookie is intact and fresh', () => {
      expect(sealer.unseal(sealer.seal(attempt, now), new Date(now.getTime() + OIDC_TRANSIENT_TTL_MS - 1))).toEqual(attempt);
    });

    it('should omit returnTo when none was sealed', () => {
      const { returnTo: _omitted, ...rest } = attempt;
      expect(sealer.unseal(sealer.seal(rest, now), now)).toEqual(rest);
    });

    it('should return null when the cookie is 10 minutes old', () => {
      expect(sealer.unseal(sealer.seal(attempt, now), new Date(now.getTime() + OIDC_TRANSIENT_TTL_MS))).toBeNull();
    });

    it('should return null when any part of the cookie was altered', () => {
      const sealed = sealer.seal(attempt, now);
      const [format, iv, body] = sealed.split('.');
      for (const altered of [`v2.${iv}.${body}`, `${format}.${flip(iv, 3)}.${body}`, `${format}.${iv}.${flip(body, 5)}`, `${format}.${iv}.${flip(body, body.length - 4)}`]) {
        expect(sealer.unseal(altered, now)).toBeNull();
      }
    });

    it('should return null when the cookie was sealed for another client secret, issuer or client', () => {
      const sealed = sealer.seal(attempt, now);
      for (const other of [
        new OidcTransientCookieSealer('rotated-secret', 'https://idp.example.jp', 'rr'),
        new OidcTransientCookieSealer('client-secret', 'https://other-idp.example.jp', 'rr'),
        new OidcTransientCookieSealer('client-secret', 'https://idp.example.jp', 'other'),
      ]) {
        expect(other.unseal(sealed, now)).toBeNull();
      }
    });

    it('should return null for missing, oversized or malformed cookies without throwing', () => {
      for (const bad of [undefined, '', 'garbage', 'v1..', 'v1.a.b', 'v1.AAAAAAAAAAAAAAAA.AAAA', `v1.${'A'.repeat(3000)}`, 'v1.x.y.z', '%E0%A4%A']) {
        expect(sealer.unseal(bad, now)).toBeNull();
      }
    });
  });

  describe('seal', () => {
    it('should hide the state, nonce and PKCE verifier, and differ on every call', () => {
      const one = sealer.seal(attempt, now);
      const two = sealer.seal(attempt, now);
      expect(one).not.toEqual(two);
      const bytes = Buffer.from(one.split('.')[2], 'base64url').toString('latin1');
      for (const secret of [attempt.state, attempt.nonce, attempt.codeVerifier, attempt.returnTo]) {
        expect(one).not.toContain(secret);
        expect(bytes).not.toContain(secret);
      }
    });
  });
});
