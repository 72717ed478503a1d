import type { CookieOptions } from 'express';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Holds one sign-in attempt between /oidc/login and /oidc/callback; never longer than 10 minutes. */
export const OIDC_TRANSIENT_COOKIE = 'rr_oidc';
export const OIDC_TRANSIENT_TTL_MS = 10 * 60_000;
/** Both OIDC routes live under this path, so the cookie is sent to them and to nothing else. */
const COOKIE_PATH = '/api/auth/oidc';

export interface OidcTransientState {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A same-origin path validated at /login; absent means the web's home page. */
  returnTo?: string;
}

export function oidcTransientCookieOptions(secure: boolean): CookieOptions {
  // Lax: the callback is a top-level GET navigation back from the IdP and must carry the cookie.
  return { httpOnly: true, sameSite: 'lax', secure, path: COOKIE_PATH, maxAge: OIDC_TRANSIENT_TTL_MS };
}

export function clearedOidcTransientCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: COOKIE_PATH };
}

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_COOKIE_CHARS = 2048;

/**
 * Seals the attempt's state, nonce, PKCE verifier and return path into the cookie itself, so any API
 * replica can finish a sign-in another replica started (no server memory, no shared store).
 *
 * AES-256-GCM rather than an HMAC alone: GCM authenticates (a tampered or forged cookie fails to
 * open) and also hides the PKCE code_verifier, which is what turns a leaked authorization code
 * into a useless one. The key is derived with HKDF-SHA256 from the OIDC client secret because every
 * replica already holds that secret and nothing else would have to be distributed or rotated; the
 * HKDF step (with a purpose label and the issuer/client as context) means the raw secret is never
 * used as a cipher key and the derived key is useless for anything but this cookie. Rotating the
 * client secret only invalidates sign-ins that are in flight at that moment.
 */
export class OidcTransientCookieSealer {
  private readonly key: Buffer;
  private readonly aad: Buffer;

  constructor(clientSecret: string, issuer: string, clientId: string) {
    const info = `chonai-rr/oidc-transient-cookie/${FORMAT}\n${issuer}\n${clientId}`;
    this.key = Buffer.from(hkdfSync('sha256', clientSecret, 'chonai-rr', info, 32));
    this.aad = Buffer.from(`${OIDC_TRANSIENT_COOKIE}.${FORMAT}`);
  }

  seal(value: OidcTransientState, now: Date = new Date()): string {
    const payload = JSON.stringify({ s: value.state, n: value.nonce, v: value.codeVerifier, r: value.returnTo, e: now.getTime() + OIDC_TRANSIENT_TTL_MS });
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(this.aad);
    const sealed = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  /** The attempt, or null when the cookie is missing, malformed, tampered with or expired. */
  unseal(cookie: string | undefined, now: Date = new Date()): OidcTransientState | null {
    if (!cookie || cookie.length > MAX_COOKIE_CHARS) return null;
    const [format, ivText, sealedText, ...rest] = cookie.split('.');
    if (format !== FORMAT || !ivText || !sealedText || rest.length > 0) return null;
    const iv = Buffer.from(ivText, 'base64url');
    const sealed = Buffer.from(sealedText, 'base64url');
    if (iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) return null;
    let payload: unknown;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES }).setAAD(this.aad);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
      payload = JSON.parse(plain.toString('utf8'));
    } catch {
      return null;
    }
    if (!isPayload(payload) || payload.e <= now.getTime()) return null;
    return { state: payload.s, nonce: payload.n, codeVerifier: payload.v, ...(payload.r !== undefined ? { returnTo: payload.r } : {}) };
  }
}

interface Payload {
  s: string;
  n: string;
  v: string;
  r?: string;
  e: number;
}

function isPayload(p: unknown): p is Payload {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.s === 'string' &&
    typeof o.n === 'string' &&
    typeof o.v === 'string' &&
    (o.r === undefined || typeof o.r === 'string') &&
    typeof o.e === 'number' &&
    Number.isFinite(o.e)
  );
}
