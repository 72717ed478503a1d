import { loginErrorUrl, safeReturnTo, webUrl } from './oidc-redirects';

const PUBLIC_URL = 'https://rr.city.example.jp';

describe('oidc-redirects', () => {
  describe('safeReturnTo', () => {
    it('should keep a same-origin path with its query and fragment', () => {
      expect(safeReturnTo('/rooms/bookings?week=2026-04-06#today', PUBLIC_URL)).toBe('/rooms/bookings?week=2026-04-06#today');
    });

    it('should normalise dot segments that stay on the site', () => {
      expect(safeReturnTo('/cars/../rooms', PUBLIC_URL)).toBe('/rooms');
    });

    it.each([
      ['a protocol-relative URL', '//evil.example/x'],
      ['an absolute URL', 'https://evil.example/'],
      ['a backslash a browser reads as a slash', '/\\evil.example'],
      ['a relative path', 'rooms'],
      ['a javascript: URL', 'javascript:alert(1)'],
      ['a control character', '/rooms\n//evil.example'],
      ['a tab before the slashes', '/\t/evil.example'],
      ['an empty string', ''],
      ['an overlong path', `/${'a'.repeat(600)}`],
    ])('should refuse %s', (_label, raw) => {
      expect(safeReturnTo(raw, PUBLIC_URL)).toBeUndefined();
    });

    it('should refuse a value that is not a single string (e.g. a repeated query parameter)', () => {
      expect(safeReturnTo(['/a', '/b'], PUBLIC_URL)).toBeUndefined();
      expect(safeReturnTo(undefined, PUBLIC_URL)).toBeUndefined();
    });
  });

  describe('webUrl', () => {
    it('should join PUBLIC_URL and the path without doubling the slash', () => {
      expect(webUrl(`${PUBLIC_URL}/`, '/cars')).toBe(`${PUBLIC_URL}/cars`);
      expect(webUrl(PUBLIC_URL)).toBe(`${PUBLIC_URL}/`);
    });
  });

  describe('loginErrorUrl', () => {
    it('should point at the web sign-in page with the error code', () => {
      expect(loginErrorUrl(PUBLIC_URL, 'AUTH_OIDC_NO_USER')).toBe(`${PUBLIC_URL}/login?error=AUTH_OIDC_NO_USER`);
    });
  });
});
