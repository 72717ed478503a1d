import { SESSION_COOKIE } from '@rr/contracts';
import type { CookieOptions, Response } from 'express';

export function sessionCookieOptions(secure: boolean, expires?: Date): CookieOptions {
  // Lax, not Strict: the OIDC callback is a top-level navigation back from the IdP and must carry it.
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', expires };
}

export function setSessionCookie(res: Response, token: string, expires: Date, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(secure, expires));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
}
