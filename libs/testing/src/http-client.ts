import type { INestApplication } from '@nestjs/common';
import { CSRF_HEADER, SessionResponse } from '@rr/contracts';
import request from 'supertest';

/** A signed-in supertest agent: keeps the session cookie and sends the CSRF header on writes. */
export class SignedInClient {
  private constructor(
    readonly agent: ReturnType<typeof request.agent>,
    readonly session: SessionResponse,
  ) {}

  static async signIn(app: INestApplication, username: string, password: string): Promise<SignedInClient> {
    const agent = request.agent(app.getHttpServer());
    const res = await agent.post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new SignedInClient(agent, res.body as SessionResponse);
  }

  get(url: string) {
    return this.agent.get(url);
  }
  post(url: string, body?: object | string) {
    return this.agent.post(url).set(CSRF_HEADER, this.session.csrfToken).send(body);
  }
  patch(url: string, body?: object) {
    return this.agent.patch(url).set(CSRF_HEADER, this.session.csrfToken).send(body);
  }
  put(url: string, body?: object) {
    return this.agent.put(url).set(CSRF_HEADER, this.session.csrfToken).send(body);
  }
  delete(url: string) {
    return this.agent.delete(url).set(CSRF_HEADER, this.session.csrfToken);
  }
}

/** Polls until `check` returns a truthy value or the time runs out (for queue round trips). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
