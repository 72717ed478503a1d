import { Inject, Injectable } from '@nestjs/common';
import type { SessionResponse } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { requestContext } from '@rr/server/http';
import { TransactionHost, UserEntity } from '@rr/server/persistence';
import { randomBytes } from 'node:crypto';
import { toCurrentUser } from './current-user.mapper';
import { hashToken, IdentityRepository } from './identity.repository';
import { dummyPasswordHash, verifyPassword } from './password-hasher';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  response: SessionResponse;
}

/** Resolved sessions kept per api process at most (oldest dropped first). */
const SESSION_CACHE_MAX = 10_000;

@Injectable()
export class AuthService {
  /**
   * token hash → the session as resolved at `at` (ADR 0020). Every request would otherwise ask
   * PostgreSQL; a sign-out on this process drops its entry at once, anything else (disabling a user,
   * changing roles, a sign-out on another replica) takes effect within SESSION_CACHE_MS.
   */
  private readonly resolved = new Map<string, { at: number; session: SessionResponse }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: IdentityRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  /**
   * Local sign-in. The same error for an unknown user and a wrong password (no account probing);
   * a locked account answers 423 whatever the password, so guessing cannot continue.
   */
  async login(username: string, password: string): Promise<IssuedSession> {
    const user = await this.repo.findUserByUsername(username);
    if (!user || !user.passwordHash) {
      await verifyPassword(password, await dummyPasswordHash());
      throw new AppError('AUTH_INVALID_CREDENTIALS', 'unauthenticated');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new AppError('AUTH_LOCKED', 'locked', { minutes: this.minutesLeft(user.lockedUntil) });
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const state = await this.tx.run(async () => {
        const s = await this.repo.recordFailure(user.id, this.config.auth.maxFailures, this.config.auth.lockMinutes);
        if (s.lockedUntil && s.lockedUntil > new Date()) {
          await this.audit.record('user.locked', 'user', user.id, null, { lockedUntil: s.lockedUntil.toISOString() });
        }
        return s;
      });
      if (state.lockedUntil && state.lockedUntil > new Date()) {
        throw new AppError('AUTH_LOCKED', 'locked', { minutes: this.minutesLeft(state.lockedUntil) });
      }
      throw new AppError('AUTH_INVALID_CREDENTIALS', 'unauthenticated');
    }
    if (!user.isActive) throw new AppError('AUTH_INACTIVE', 'forbidden');
    return this.tx.run(async () => {
      if (user.failedLogins > 0 || user.lockedUntil) await this.repo.clearFailures(user.id);
      return this.issueSession(user, 'local');
    });
  }

  /** Creates a session for a user already authenticated (locally or by the IdP). */
  async issueSession(user: UserEntity, method: 'local' | 'oidc'): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('hex');
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlHours * 3600_000);
    await this.tx.run(async () => {
      await this.repo.createSession({ tokenHash: hashToken(token), csrfToken, userId: user.id, authMethod: method, expiresAt });
      requestContext.setActor({ id: user.id, displayName: user.displayName, roles: user.roles, sectionId: user.sectionId });
      await this.audit.record('auth.login', 'user', user.id, null, { method });
    });
    return { token, expiresAt, response: { user: toCurrentUser(user), csrfToken, authMethod: method } };
  }

  /** The session behind a cookie token, or null when absent, expired or the user was disabled. */
  async resolve(token: string | undefined, options: { fresh?: boolean } = {}): Promise<SessionResponse | null> {
    if (!token || token.length > 128) return null;
    const key = hashToken(token);
    const ttl = this.config.auth.sessionCacheMs;
    const hit = this.resolved.get(key);
    if (hit && !options.fresh && Date.now() - hit.at < ttl) return hit.session;
    const session = await this.repo.findLiveSession(key);
    this.resolved.delete(key);
    if (session && ttl > 0) {
      if (this.resolved.size >= SESSION_CACHE_MAX) this.resolved.delete(this.resolved.keys().next().value!);
      this.resolved.set(key, { at: Date.now(), session });
    }
    return session;
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    this.resolved.delete(hashToken(token));
    await this.tx.run(async () => {
      const session = await this.repo.findSession(hashToken(token));
      await this.repo.deleteSession(hashToken(token));
      if (session) await this.audit.record('auth.logout', 'user', session.userId);
    });
  }

  private minutesLeft(until: Date): number {
    return Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  }
}
