import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID provider (panva's oidc-provider, the certified reference implementation) running
 * in the test process on a free loopback port, plus a cookie-keeping "browser" to walk its login and
 * consent pages over HTTP. Nothing is mocked: discovery, JWKS, signed ID tokens, PKCE checks,
 * token endpoint client authentication and userinfo are the provider's own.
 */

/** An IdP account: `sub` is typed into the dev login form; claims are what the IdP releases. */
export interface OidcTestAccount {
  sub: string;
  claims: Record<string, unknown>;
}

export interface OidcTestProviderOptions {
  /** The relying party's registered callback; must equal OIDC_REDIRECT_URI exactly. */
  redirectUri: string;
  accounts?: OidcTestAccount[];
  clientId?: string;
  clientSecret?: string;
  /** A fixed port (e.g. to bring an IdP up where the API already expects it); a free one by default. */
  port?: number;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  addAccount(account: OidcTestAccount): void;
  /**
   * Opens `authorizationUrl` in `browser`, signs in as `sub` through the provider's login form,
   * grants consent, and returns the URL the provider finally redirects to outside itself (the
   * relying party's callback with `code`, `state` and `iss`), without following it.
   */
  signIn(browser: TestBrowser, authorizationUrl: string, sub: string): Promise<string>;
  /** Like signIn, but presses the login page's Cancel: the provider answers the RP with access_denied. */
  cancelSignIn(browser: TestBrowser, authorizationUrl: string): Promise<string>;
  close(): Promise<void>;
}

/** The small part of oidc-provider's (untyped) API used here. */
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

export async function startOidcProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const clientId = options.clientId ?? 'rr-test-client';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const accounts = new Map<string, OidcTestAccount>();
  for (const account of options.accounts ?? []) accounts.set(account.sub, account);

  // Listen first with a placeholder handler: the issuer URL needs the port before the provider exists.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const Provider = await withoutDevelopmentWarnings(async () => {
    // A variable specifier: oidc-provider ships no type declarations; the interface above types it.
    const specifier = 'oidc-provider';
    return ((await import(specifier)) as { default: ProviderConstructor }).default;
  });
  const provider = await withoutDevelopmentWarnings(async () =>
    new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [options.redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test-rs256' }] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      // A custom claim the way IdP admins usually add one: mapped into a standard scope.
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'employee_number'] },
      // Refuse any authorization request without PKCE, so the relying party must send it.
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
      findAccount: async (_ctx: unknown, sub: string) => {
        const account = accounts.get(sub);
        return account && { accountId: sub, claims: async () => ({ ...account.claims, sub }) };
      },
    }),
  );
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount: (account) => accounts.set(account.sub, account),
    signIn: (browser, authorizationUrl, sub) => walkToRelyingParty(browser, issuer, authorizationUrl, { signInAs: sub }),
    cancelSignIn: (browser, authorizationUrl) => walkToRelyingParty(browser, issuer, authorizationUrl, 'cancel'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function walkToRelyingParty(browser: TestBrowser, issuer: string, authorizationUrl: string, user: { signInAs: string } | 'cancel'): Promise<string> {
  const idp = new URL(issuer).origin;
  let url = authorizationUrl;
  let res = await browser.get(url);
  for (let step = 0; step < 20; step++) {
    if (res.location) {
      if (new URL(res.location).origin !== idp) return res.location;
      url = res.location;
      res = await browser.get(url);
      continue;
    }
    const form = res.status === 200 ? parseForm(res.body) : undefined;
    if (!form) throw new Error(`unexpected answer from the IdP at ${url}: ${res.status} ${res.body.slice(0, 500)}`);
    if (user === 'cancel') {
      url = new URL(form.cancel, url).href;
      res = await browser.get(url);
      continue;
    }
    const fields: Record<string, string> = form.prompt === 'login' ? { prompt: 'login', login: user.signInAs, password: 'any' } : { prompt: form.prompt };
    url = new URL(form.action, url).href;
    res = await browser.post(url, fields);
  }
  throw new Error('the IdP never redirected back to the relying party');
}

/** The dev interaction page's one form (its action and hidden `prompt`: login or consent) and Cancel link. */
function parseForm(html: string): { action: string; prompt: string; cancel: string } | undefined {
  const action = /<form[^>]*\saction="([^"]+)"/i.exec(html)?.[1];
  const prompt = /<input[^>]*name="prompt"[^>]*value="([^"]+)"/i.exec(html)?.[1];
  const cancel = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(html)?.[1];
  return action && prompt && cancel ? { action: decodeEntities(action), prompt, cancel: decodeEntities(cancel) } : undefined;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** oidc-provider announces its development defaults on every start; tests use them on purpose. */
async function withoutDevelopmentWarnings<T>(fn: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING')) return;
    warn(...args);
  };
  try {
    return await fn();
  } finally {
    console.warn = warn;
  }
}

interface StoredCookie {
  host: string;
  path: string;
  name: string;
  value: string;
  expiresAt?: number;
}

export interface BrowserResponse {
  status: number;
  /** The redirect target resolved to an absolute URL, when the answer is a redirect. */
  location?: string;
  /** Set-Cookie lines of this answer. */
  setCookies: string[];
  body: string;
}

/**
 * Just enough of a browser for redirect-based sign-in: a cookie jar keyed like a browser's (host,
 * not port; path prefix; Max-Age and Expires), and requests that never follow redirects on their
 * own, so each hop can be checked.
 */
export class TestBrowser {
  private cookies: StoredCookie[] = [];

  get(url: string): Promise<BrowserResponse> {
    return this.send(url, { method: 'GET' });
  }

  post(url: string, form: Record<string, string>): Promise<BrowserResponse> {
    return this.send(url, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** The value the jar would send to `url` for `name`. */
  cookie(url: string, name: string): string | undefined {
    return this.matching(new URL(url)).find((c) => c.name === name)?.value;
  }

  /** Overwrites a stored cookie's value (e.g. to tamper with it); the cookie must exist. */
  setCookieValue(url: string, name: string, value: string): void {
    const cookie = this.matching(new URL(url)).find((c) => c.name === name);
    if (!cookie) throw new Error(`no cookie ${name} for ${url}`);
    cookie.value = value;
  }

  private async send(url: string, init: { method: 'GET' | 'POST'; body?: URLSearchParams; headers?: Record<string, string> }): Promise<BrowserResponse> {
    const target = new URL(url);
    const cookieHeader = this.matching(target)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const res = await fetch(target, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookieHeader ? { cookie: cookieHeader } : {}) } });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) this.store(target, line);
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, target).href : undefined, setCookies, body: await res.text() };
  }

  private matching(url: URL): StoredCookie[] {
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expiresAt === undefined || c.expiresAt > now);
    return this.cookies
      .filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .sort((a, b) => b.path.length - a.path.length);
  }

  private store(url: URL, line: string): void {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const cookie: StoredCookie = { host: url.hostname, path: defaultPath(url), name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    for (const attribute of attributes) {
      const [key, ...rest] = attribute.split('=');
      const value = rest.join('=');
      switch (key.toLowerCase()) {
        case 'path':
          if (value.startsWith('/')) cookie.path = value;
          break;
        case 'max-age':
          cookie.expiresAt = Date.now() + Number(value) * 1000;
          break;
        case 'expires':
          if (cookie.expiresAt === undefined) cookie.expiresAt = Date.parse(value);
          break;
      }
    }
    this.cookies = this.cookies.filter((c) => !(c.host === cookie.host && c.path === cookie.path && c.name === cookie.name));
    if (cookie.expiresAt === undefined || cookie.expiresAt > Date.now()) this.cookies.push(cookie);
  }
}

function defaultPath(url: URL): string {
  const last = url.pathname.lastIndexOf('/');
  return last <= 0 ? '/' : url.pathname.slice(0, last);
}
