import type { INestApplication } from '@nestjs/common';
import { SESSION_COOKIE } from '@rr/contracts';
import { UserEntity } from '@rr/server/persistence';
import { makeUser, OidcTestProvider, startOidcProvider, TestBrowser } from '@rr/testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from './app.factory';

const OIDC_COOKIE = 'rr_oidc';
const ENV_KEYS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_MATCH_CLAIM', 'OIDC_EMPLOYEE_NUMBER_CLAIM', 'PUBLIC_URL'] as const;

/**
 * The API on a real loopback port (so the IdP can redirect a "browser" to it) and a real OpenID
 * provider beside it. The API's server listens before the app exists, because the provider must
 * register the callback URL and the API must know the issuer before its config is loaded.
 */
interface Stack {
  app: INestApplication;
  api: string;
  idp?: OidcTestProvider;
  close(): Promise<void>;
}

async function listen(): Promise<{ server: Server; origin: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function startApi(server: Server, env: Partial<Record<(typeof ENV_KEYS)[number], string>>): Promise<INestApplication> {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, env);
  const app = await createApiApp({ logger: false });
  await app.init();
  server.on('request', app.getHttpAdapter().getInstance());
  return app;
}

async function startStack(matchClaim: 'email' | 'employee_number'): Promise<Stack> {
  const { server, origin } = await listen();
  const idp = await startOidcProvider({ redirectUri: `${origin}/api/auth/oidc/callback` });
  const app = await startApi(server, {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_REDIRECT_URI: `${origin}/api/auth/oidc/callback`,
    OIDC_MATCH_CLAIM: matchClaim,
    PUBLIC_URL: origin,
  });
  return { app, api: origin, idp, close: () => closeAll(app, server, idp) };
}

async function closeAll(app: INestApplication, server: Server, idp?: OidcTestProvider): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
  await idp?.close();
}

/** GET /api/auth/oidc/login and return the authorization URL it redirects to. */
async function beginLogin(browser: TestBrowser, api: string, returnTo?: string): Promise<URL> {
  const res = await browser.get(`${api}/api/auth/oidc/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
  expect(res.status).toBe(302);
  return new URL(res.location!);
}

describe('OpenID Connect single sign-on (real oidc-provider, real PostgreSQL)', () => {
  const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  afterAll(() => {
    for (const key of ENV_KEYS) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
  });

  describe('matching by email', () => {
    let stack: Stack;
    let idp: OidcTestProvider;
    let ds: DataSource;

    beforeAll(async () => {
      stack = await startStack('email');
      idp = stack.idp!;
      ds = stack.app.get(DataSource);
    });
    afterAll(() => stack.close());

    it('should redirect to the IdP with PKCE S256, state and nonce, remembering them only in a sealed 10-minute cookie', async () => {
      const browser = new TestBrowser();
      const res = await browser.get(`${stack.api}/api/auth/oidc/login`);
      expect(res.status).toBe(302);
      const auth = new URL(res.location!);
      expect(`${auth.origin}${auth.pathname}`).toBe(`${idp.issuer}/auth`);
      const p = auth.searchParams;
      expect(p.get('response_type')).toBe('code');
      expect(p.get('client_id')).toBe(idp.clientId);
      expect(p.get('redirect_uri')).toBe(`${stack.api}/api/auth/oidc/callback`);
      expect(p.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email']));
      expect(p.get('code_challenge_method')).toBe('S256');
      expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(p.get('state')).toBeTruthy();
      expect(p.get('nonce')).toBeTruthy();

      const setCookie = res.setCookies.find((c) => c.startsWith(`${OIDC_COOKIE}=`))!;
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).toMatch(/Path=\/api\/auth\/oidc(;|$)/);
      expect(setCookie).toMatch(/Max-Age=600/);
      const sealed = browser.cookie(`${stack.api}/api/auth/oidc/callback`, OIDC_COOKIE)!;
      expect(sealed).not.toContain(p.get('state'));
      expect(sealed).not.toContain(p.get('nonce'));
      expect(Buffer.from(sealed.split('.').pop()!, 'base64url').toString('latin1')).not.toContain(p.get('state'));
    });

    it('should sign the mapped user in with authMethod oidc, matching the email ignoring case, and land on returnTo', async () => {
      const { user } = await makeUser(ds, { roles: ['staff', 'section_chief'] });
      idp.addAccount({ sub: `idp-${user.id}`, claims: { email: user.email.toUpperCase(), email_verified: true, name: user.displayName } });
      const browser = new TestBrowser();

      const auth = await beginLogin(browser, stack.api, '/rooms/bookings?week=2026-04-06');
      const callback = await idp.signIn(browser, auth.href, `idp-${user.id}`);
      expect(callback).toMatch(new RegExp(`^${stack.api}/api/auth/oidc/callback\\?code=`));

      const done = await browser.get(callback);
      expect(done.status).toBe(302);
      expect(done.location).toBe(`${stack.api}/rooms/bookings?week=2026-04-06`);
      expect(done.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/i);
      expect(browser.cookie(`${stack.api}/api/auth/oidc/callback`, OIDC_COOKIE)).toBeUndefined();

      const me = await browser.get(`${stack.api}/api/auth/me`);
      expect(me.status).toBe(200);
      const session = JSON.parse(me.body);
      expect(session.authMethod).toBe('oidc');
      expect(session.user).toMatchObject({ id: user.id, username: user.username, roles: ['staff', 'section_chief'] });
      const audit = await ds.query(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'auth.login'`, [user.id]);
      expect(audit).toEqual([{ after: { method: 'oidc' } }]);

      // The code and the attempt are single-use: replaying the callback signs nobody in.
      const replay = await new TestBrowser().get(callback);
      expect(replay.location).toBe(`${stack.api}/login?error=AUTH_OIDC_FAILED`);
    });

    it('should ignore a returnTo that could leave the site and land on the home page', async () => {
      const { user } = await makeUser(ds);
      idp.addAccount({ sub: `idp-${user.id}`, claims: { email: user.email } });
      for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'relative/path']) {
        const browser = new TestBrowser();
        const auth = await beginLogin(browser, stack.api, returnTo);
        const done = await browser.get(await idp.signIn(browser, auth.href, `idp-${user.id}`));
        expect(done.location).toBe(`${stack.api}/`);
      }
    });

    it('should redirect to /login?error=AUTH_OIDC_NO_USER and create no session when no staff account has the email', async () => {
      idp.addAccount({ sub: 'idp-stranger', claims: { email: 'stranger@example.org', email_verified: true } });
      const browser = new TestBrowser();
      const auth = await beginLogin(browser, stack.api);
      const done = await browser.get(await idp.signIn(browser, auth.href, 'idp-stranger'));
      expect(done.status).toBe(302);
      expect(done.location).toBe(`${stack.api}/login?error=AUTH_OIDC_NO_USER`);
      expect(done.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
      expect(browser.cookie(`${stack.api}/api/auth/me`, SESSION_COOKIE)).toBeUndefined();
      expect((await browser.get(`${stack.api}/api/auth/me`)).status).toBe(401);
    });

    it('should refuse an inactive account and an email the IdP marks unverified with AUTH_OIDC_NO_USER', async () => {
      const inactive = (await makeUser(ds)).user;
      await ds.getRepository(UserEntity).update({ id: inactive.id }, { isActive: false });
      idp.addAccount({ sub: `idp-${inactive.id}`, claims: { email: inactive.email } });
      const unverified = (await makeUser(ds)).user;
      idp.addAccount({ sub: `idp-${unverified.id}`, claims: { email: unverified.email, email_verified: false } });

      for (const user of [inactive, unverified]) {
        const browser = new TestBrowser();
        const auth = await beginLogin(browser, stack.api);
        const done = await browser.get(await idp.signIn(browser, auth.href, `idp-${user.id}`));
        expect(done.location).toBe(`${stack.api}/login?error=AUTH_OIDC_NO_USER`);
        expect(await ds.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id])).toHaveLength(0);
      }
    });

    it('should answer AUTH_OIDC_FAILED when the transient cookie was tampered with', async () => {
      const { user } = await makeUser(ds);
      idp.addAccount({ sub: `idp-${user.id}`, claims: { email: user.email } });
      const browser = new TestBrowser();
      const auth = await beginLogin(browser, stack.api);
      const callbackUrl = `${stack.api}/api/auth/oidc/callback`;
      const sealed = browser.cookie(callbackUrl, OIDC_COOKIE)!;
      const at = sealed.length - 30;
      browser.setCookieValue(callbackUrl, OIDC_COOKIE, `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`);

      const done = await browser.get(await idp.signIn(browser, auth.href, `idp-${user.id}`));
      expect(done.location).toBe(`${stack.api}/login?error=AUTH_OIDC_FAILED`);
      expect(done.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
      expect(await ds.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id])).toHaveLength(0);
    });

    it('should answer AUTH_OIDC_FAILED when the callback state belongs to another attempt or there is no cookie', async () => {
      const { user } = await makeUser(ds);
      idp.addAccount({ sub: `idp-${user.id}`, claims: { email: user.email } });
      const browser = new TestBrowser();
      const first = await beginLogin(browser, stack.api);
      await beginLogin(browser, stack.api); // a second attempt replaces the cookie
      const callback = await idp.signIn(browser, first.href, `idp-${user.id}`);
      expect((await browser.get(callback)).location).toBe(`${stack.api}/login?error=AUTH_OIDC_FAILED`);

      const bare = await request(stack.app.getHttpServer()).get('/api/auth/oidc/callback?code=abc&state=def');
      expect(bare.status).toBe(302);
      expect(bare.headers.location).toBe(`${stack.api}/login?error=AUTH_OIDC_FAILED`);
      expect(await ds.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id])).toHaveLength(0);
    });

    it('should answer AUTH_OIDC_FAILED when the user cancels at the IdP (error=access_denied)', async () => {
      const browser = new TestBrowser();
      const auth = await beginLogin(browser, stack.api);
      const callback = await idp.cancelSignIn(browser, auth.href);
      expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
      const done = await browser.get(callback);
      expect(done.status).toBe(302);
      expect(done.location).toBe(`${stack.api}/login?error=AUTH_OIDC_FAILED`);
    });
  });

  describe('matching by employee number', () => {
    let stack: Stack;
    let idp: OidcTestProvider;
    let ds: DataSource;

    beforeAll(async () => {
      stack = await startStack('employee_number');
      idp = stack.idp!;
      ds = stack.app.get(DataSource);
    });
    afterAll(() => stack.close());

    it('should sign in the user whose employee number is in the employee_number claim, whatever the email says', async () => {
      const { user } = await makeUser(ds);
      idp.addAccount({ sub: 'idp-emp-1', claims: { employee_number: user.employeeNumber, email: 'someone.else@example.org' } });
      const browser = new TestBrowser();
      const auth = await beginLogin(browser, stack.api);
      const done = await browser.get(await idp.signIn(browser, auth.href, 'idp-emp-1'));
      expect(done.location).toBe(`${stack.api}/`);
      const me = JSON.parse((await browser.get(`${stack.api}/api/auth/me`)).body);
      expect(me).toMatchObject({ authMethod: 'oidc', user: { id: user.id, employeeNumber: user.employeeNumber } });
    });

    it('should answer AUTH_OIDC_NO_USER when the IdP releases no employee number, even if the email matches', async () => {
      const { user } = await makeUser(ds);
      idp.addAccount({ sub: 'idp-emp-2', claims: { email: user.email } });
      const browser = new TestBrowser();
      const auth = await beginLogin(browser, stack.api);
      const done = await browser.get(await idp.signIn(browser, auth.href, 'idp-emp-2'));
      expect(done.location).toBe(`${stack.api}/login?error=AUTH_OIDC_NO_USER`);
    });
  });

  describe('when OIDC is not configured', () => {
    let app: INestApplication;
    let server: Server;

    beforeAll(async () => {
      ({ server } = await listen());
      app = await startApi(server, {});
    });
    afterAll(() => closeAll(app, server));

    it('should answer 404 AUTH_OIDC_DISABLED on both routes and report SSO off in the options', async () => {
      for (const path of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await request(app.getHttpServer()).get(path).set('Accept-Language', 'en');
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'AUTH_OIDC_DISABLED', message: 'Single sign-on is not configured.' });
      }
      expect((await request(app.getHttpServer()).get('/api/auth/options')).body).toEqual({ oidcEnabled: false });
    });
  });

  describe('when the IdP is unreachable', () => {
    let app: INestApplication;
    let server: Server;
    let origin: string;
    let idpPort: number;
    let idp: OidcTestProvider | undefined;

    beforeAll(async () => {
      ({ server, origin } = await listen());
      const gone = await listen(); // a port that was free a moment ago and now refuses connections
      idpPort = Number(new URL(gone.origin).port);
      await new Promise<void>((resolve) => gone.server.close(() => resolve()));
      app = await startApi(server, {
        OIDC_ISSUER: gone.origin,
        OIDC_CLIENT_ID: 'rr-test-client',
        OIDC_CLIENT_SECRET: 'a-secret-shared-with-the-idp',
        OIDC_REDIRECT_URI: `${origin}/api/auth/oidc/callback`,
        PUBLIC_URL: origin,
      });
    });
    afterAll(async () => {
      await closeAll(app, server);
      await idp?.close();
    });

    it('should redirect to /login?error=AUTH_OIDC_FAILED instead of failing with 5xx, and discover again once the IdP is back', async () => {
      const res = await request(app.getHttpServer()).get('/api/auth/oidc/login');
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`${origin}/login?error=AUTH_OIDC_FAILED`);
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain(OIDC_COOKIE);

      idp = await startOidcProvider({
        port: idpPort,
        redirectUri: `${origin}/api/auth/oidc/callback`,
        clientId: 'rr-test-client',
        clientSecret: 'a-secret-shared-with-the-idp',
      });
      const again = await request(app.getHttpServer()).get('/api/auth/oidc/login');
      expect(again.status).toBe(302);
      expect(again.headers.location).toMatch(new RegExp(`^${idp.issuer}/auth\\?`));
    });
  });
});
