export type OidcFailureCode = 'AUTH_OIDC_FAILED' | 'AUTH_OIDC_NO_USER';

const MAX_RETURN_TO = 512;

/**
 * The `returnTo` a sign-in may come back to: a path on the web's own origin, or undefined.
 * Refuses anything a browser could resolve to another origin: absolute URLs, `//host`, `/\host`
 * (browsers treat the backslash as a slash), control characters, and paths that do not survive
 * resolution against PUBLIC_URL unchanged in origin.
 */
export function safeReturnTo(raw: unknown, publicUrl: string): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RETURN_TO) return undefined;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return undefined;
  const base = new URL(publicUrl);
  let resolved: URL;
  try {
    resolved = new URL(raw, base.origin);
  } catch {
    return undefined;
  }
  if (resolved.origin !== base.origin) return undefined;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** The web page a finished sign-in lands on: the validated return path, or home. */
export function webUrl(publicUrl: string, path = '/'): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** The web's sign-in page, which shows the coded message (`/login?error=AUTH_OIDC_NO_USER`). */
export function loginErrorUrl(publicUrl: string, code: OidcFailureCode): string {
  return webUrl(publicUrl, `/login?error=${code}`);
}
