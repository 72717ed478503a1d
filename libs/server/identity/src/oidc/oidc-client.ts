import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import * as oidc from 'openid-client';

type OidcSettings = NonNullable<AppConfig['auth']['oidc']>;

/** What the API asks the IdP for; the IdP must release the matching claim for one of these. */
const SCOPE = 'openid email profile';
/** Seconds for each call to the IdP (discovery, token, userinfo, JWKS); a hung IdP must not hang sign-in. */
const TIMEOUT_SECONDS = 10;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type OidcClaims = Record<string, unknown> & { sub: string };

/**
 * The only place that speaks OpenID Connect (through openid-client, a certified relying-party
 * library). Discovery is done lazily, once per process, and forgotten when it or a later call fails
 * for a reason other than an OAuth error answer, so a restarted or moved IdP is picked up again.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private discovered?: Promise<oidc.Configuration>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Builds the authorization redirect with fresh state, nonce and an S256 PKCE challenge. */
  async beginAuthorization(): Promise<AuthorizationRequest> {
    const settings = this.settings();
    const configuration = await this.configuration();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      response_type: 'code',
      scope: SCOPE,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Validates the authorization response (state, `iss`), redeems the code with the PKCE verifier
   * and validates the ID token (signature, issuer, audience, expiry, nonce). Claims come from the
   * ID token; when `wantedClaim` is not in it (many IdPs release scope claims only at userinfo),
   * userinfo fills the gaps, with its `sub` checked against the ID token's.
   */
  async completeAuthorization(callbackQuery: string, checks: AuthorizationChecks, wantedClaim: string): Promise<OidcClaims> {
    const settings = this.settings();
    const pending = this.configuration();
    const configuration = await pending;
    return this.forgetDiscoveryOnFailure(pending, async () => {
      // The URL the IdP redirected to, rebuilt from configuration: behind a proxy the request's own
      // host differs, and the token request must repeat the registered redirect_uri exactly.
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = callbackQuery;
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('the token response carried no ID token');
      if (idClaims[wantedClaim] !== undefined || !configuration.serverMetadata().userinfo_endpoint) return idClaims as OidcClaims;
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      // Signed ID token claims win over userinfo where both have a value.
      return { ...userInfo, ...idClaims } as OidcClaims;
    });
  }

  private settings(): OidcSettings {
    const settings = this.config.auth.oidc;
    if (!settings) throw new Error('OIDC is not configured');
    return settings;
  }

  private configuration(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const attempt = this.discover(this.settings());
      this.discovered = attempt;
      attempt.catch(() => {
        if (this.discovered === attempt) this.discovered = undefined;
      });
    }
    return this.discovered;
  }

  private async discover(settings: OidcSettings): Promise<oidc.Configuration> {
    const issuer = new URL(settings.issuer);
    const execute: Array<(c: oidc.Configuration) => void> = [];
    // http:// only outside production or on loopback (tests, a local IdP); openid-client refuses it otherwise.
    if (issuer.protocol === 'http:' && (this.config.env !== 'production' || LOOPBACK.has(issuer.hostname))) {
      execute.push(oidc.allowInsecureRequests);
    }
    const configuration = await oidc.discovery(
      issuer,
      settings.clientId,
      { client_secret: settings.clientSecret, redirect_uris: [settings.redirectUri], response_types: ['code'] },
      oidc.ClientSecretBasic(settings.clientSecret),
      { execute, timeout: TIMEOUT_SECONDS },
    );
    this.logger.log(`discovered OIDC issuer ${configuration.serverMetadata().issuer}`);
    return configuration;
  }

  /**
   * Runs a call made with a discovered configuration; a failure other than the IdP answering with an
   * OAuth error (unreachable IdP, timeout, unknown signing key, moved endpoints) drops that discovery.
   */
  private async forgetDiscoveryOnFailure<T>(used: Promise<oidc.Configuration>, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (!isOAuthAnswer(err) && this.discovered === used) this.discovered = undefined;
      throw err;
    }
  }
}

/** An error response from the IdP (e.g. access_denied, invalid_grant): the IdP works, keep its metadata. */
export function isOAuthAnswer(err: unknown): boolean {
  return err instanceof oidc.AuthorizationResponseError || err instanceof oidc.ResponseBodyError || err instanceof oidc.WWWAuthenticateChallengeError;
}

/**
 * One log-safe line for an error from the flow: names, codes, OAuth error fields and the chain of
 * causes (e.g. ECONNREFUSED under "fetch failed"), never tokens, codes or response bodies.
 */
export function describeOidcError(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  // Duck-typed, not instanceof Error: fetch's errors may come from another realm (e.g. under Jest).
  for (let depth = 0; depth < 4 && isErrorLike(current); depth++) {
    const fields = current as Error & { code?: unknown; error?: unknown; error_description?: unknown; status?: unknown };
    if (depth > 0) parts.push('<-');
    parts.push(current.name);
    if (typeof fields.code === 'string') parts.push(fields.code);
    if (typeof fields.status === 'number') parts.push(`HTTP ${fields.status}`);
    if (typeof fields.error === 'string') parts.push(`error=${fields.error}`);
    if (typeof fields.error_description === 'string') parts.push(`error_description=${fields.error_description.slice(0, 200)}`);
    parts.push(current.message.slice(0, 300));
    // A ResponseBodyError's cause is the IdP's JSON body: not followed (and not an Error anyway).
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(' ') : String(err).slice(0, 200);
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).name === 'string' && typeof (value as Error).message === 'string';
}
