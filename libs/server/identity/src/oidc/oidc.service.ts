import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppError } from '@rr/domain';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import type { UserEntity } from '@rr/server/persistence';
import { AuthService, IssuedSession } from '../auth.service';
import { IdentityRepository } from '../identity.repository';
import { describeOidcError, OidcClaims, OidcClient } from './oidc-client';
import { loginErrorUrl, OidcFailureCode, safeReturnTo, webUrl } from './oidc-redirects';
import { OidcTransientCookieSealer } from './oidc-transient-cookie';

type OidcSettings = NonNullable<AppConfig['auth']['oidc']>;

export interface OidcStart {
  redirectTo: string;
  /** The sealed attempt to set as the transient cookie; absent when the sign-in could not start. */
  transientCookie?: string;
}

export type OidcOutcome =
  | { ok: true; session: IssuedSession; redirectTo: string }
  | { ok: false; code: OidcFailureCode; redirectTo: string };

type UserMatch = { user: UserEntity } | { user?: undefined; reason: string };

/**
 * OpenID Connect sign-in (authorization code + PKCE). Every failure after configuration becomes a
 * redirect to the web's sign-in page with a code, logged here without tokens, codes or cookie values:
 * the browser is mid-navigation, and a JSON error or a 5xx would strand the user on a blank page.
 * No accounts are created here: staff come from the HR CSV import, the IdP only proves who they are.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly sealer?: OidcTransientCookieSealer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: OidcClient,
    private readonly repo: IdentityRepository,
    private readonly auth: AuthService,
  ) {
    const oidc = config.auth.oidc;
    if (oidc) {
      this.sealer = new OidcTransientCookieSealer(oidc.clientSecret, oidc.issuer, oidc.clientId);
      if (new URL(oidc.redirectUri).origin !== new URL(config.api.publicUrl).origin) {
        this.logger.warn('OIDC_REDIRECT_URI is not on the PUBLIC_URL origin: browsers will not send the sign-in cookie back to a different host');
      }
    }
  }

  /** Starts a sign-in: where to send the browser, and the sealed attempt to remember in a cookie. */
  async start(returnTo: unknown): Promise<OidcStart> {
    const { sealer } = this.enabled();
    try {
      const request = await this.client.beginAuthorization();
      const transientCookie = sealer.seal({
        state: request.state,
        nonce: request.nonce,
        codeVerifier: request.codeVerifier,
        returnTo: safeReturnTo(returnTo, this.config.api.publicUrl),
      });
      return { redirectTo: request.url.href, transientCookie };
    } catch (err) {
      this.logger.error(`OIDC sign-in could not start: ${describeOidcError(err)}`);
      return { redirectTo: loginErrorUrl(this.config.api.publicUrl, 'AUTH_OIDC_FAILED') };
    }
  }

  /** Finishes a sign-in from the IdP's redirect (its query string) and the transient cookie. */
  async finish(callbackQuery: string, transientCookie: string | undefined): Promise<OidcOutcome> {
    const { settings, sealer } = this.enabled();
    const attempt = sealer.unseal(transientCookie);
    if (!attempt) return this.fail('AUTH_OIDC_FAILED', 'the sign-in cookie is missing, expired or was tampered with');
    // openid-client checks state too; answering here spares the IdP a token request for a forged or
    // crossed callback (a second sign-in tab replaced the cookie).
    if (new URLSearchParams(callbackQuery).get('state') !== attempt.state) {
      return this.fail('AUTH_OIDC_FAILED', 'the callback state does not match this browser\'s sign-in attempt');
    }

    let claims: OidcClaims;
    try {
      claims = await this.client.completeAuthorization(callbackQuery, attempt, this.wantedClaim(settings));
    } catch (err) {
      return this.fail('AUTH_OIDC_FAILED', describeOidcError(err));
    }

    try {
      const match = await this.matchUser(claims, settings);
      if (!match.user) return this.fail('AUTH_OIDC_NO_USER', `${match.reason} (sub=${claims.sub}, matched by ${settings.matchClaim})`);
      const session = await this.auth.issueSession(match.user, 'oidc');
      return { ok: true, session, redirectTo: webUrl(this.config.api.publicUrl, attempt.returnTo) };
    } catch (err) {
      this.logger.error(`OIDC sign-in could not create a session: ${err instanceof Error ? err.message : String(err)}`);
      return { ok: false, code: 'AUTH_OIDC_FAILED', redirectTo: loginErrorUrl(this.config.api.publicUrl, 'AUTH_OIDC_FAILED') };
    }
  }

  private enabled(): { settings: OidcSettings; sealer: OidcTransientCookieSealer } {
    const settings = this.config.auth.oidc;
    if (!settings || !this.sealer) throw new AppError('AUTH_OIDC_DISABLED', 'not_found');
    return { settings, sealer: this.sealer };
  }

  private wantedClaim(settings: OidcSettings): string {
    return settings.matchClaim === 'email' ? 'email' : settings.employeeNumberClaim;
  }

  /**
   * Our user for the IdP's claims. E-mail: case-insensitive, refused when the IdP says it is not
   * verified or when two accounts differ only in case. Employee number: exact, from the configured
   * claim (strings or numbers, as IdPs differ). Inactive accounts never match.
   */
  private async matchUser(claims: OidcClaims, settings: OidcSettings): Promise<UserMatch> {
    let user: UserEntity | null;
    if (settings.matchClaim === 'email') {
      const email = claims.email;
      if (typeof email !== 'string' || email.trim() === '') return { reason: 'the IdP released no email claim' };
      if (claims.email_verified === false) return { reason: 'the IdP marks the email as unverified' };
      const users = await this.repo.findUsersByEmailIgnoringCase(email.trim());
      if (users.length > 1) return { reason: 'several accounts share this email ignoring case' };
      user = users[0] ?? null;
    } else {
      const raw = claims[settings.employeeNumberClaim];
      const employeeNumber = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : '';
      if (!employeeNumber) return { reason: `the IdP released no usable ${settings.employeeNumberClaim} claim` };
      user = await this.repo.findUserBy('employeeNumber', employeeNumber);
    }
    if (!user) return { reason: 'no account matches' };
    if (!user.isActive) return { reason: 'the matching account is inactive' };
    return { user };
  }

  private fail(code: OidcFailureCode, reason: string): OidcOutcome {
    this.logger.warn(`OIDC sign-in refused with ${code}: ${reason}`);
    return { ok: false, code, redirectTo: loginErrorUrl(this.config.api.publicUrl, code) };
  }
}
