import { Injectable } from '@nestjs/common';
import { SessionEntity, TransactionHost, UserEntity } from '@rr/server/persistence';
import { createHash } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class IdentityRepository {
  constructor(private readonly tx: TransactionHost) {}

  findUserByUsername(username: string): Promise<UserEntity | null> {
    return this.tx.manager.findOne(UserEntity, { where: { username }, relations: { section: { department: true } } });
  }

  findUserBy(field: 'employeeNumber' | 'email', value: string): Promise<UserEntity | null> {
    return this.tx.manager.findOne(UserEntity, { where: { [field]: value }, relations: { section: { department: true } } });
  }

  /**
   * Users whose e-mail equals `email` ignoring case (single sign-on matching: IdPs and the HR CSV
   * disagree on capitals). At most two rows, enough for the caller to refuse an ambiguous match,
   * since the unique index on users.email is case-sensitive.
   */
  findUsersByEmailIgnoringCase(email: string): Promise<UserEntity[]> {
    return this.tx.manager
      .createQueryBuilder(UserEntity, 'u')
      .innerJoinAndSelect('u.section', 'sec')
      .innerJoinAndSelect('sec.department', 'd')
      .where('lower(u.email) = lower(:email)', { email })
      .orderBy('u.id')
      .limit(2)
      .getMany();
  }

  /** Counts a failure atomically and locks the account when the limit is reached. */
  async recordFailure(userId: string, maxFailures: number, lockMinutes: number): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows]: [Array<{ failed_logins: number; locked_until: Date | null }>, number] = await this.tx.manager.query(
      `UPDATE users
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING failed_logins, locked_until`,
      [userId, maxFailures, lockMinutes],
    );
    return { failedLogins: rows[0]?.failed_logins ?? 0, lockedUntil: rows[0]?.locked_until ?? null };
  }

  async clearFailures(userId: string): Promise<void> {
    await this.tx.manager.update(UserEntity, { id: userId }, { failedLogins: 0, lockedUntil: null });
  }

  async createSession(session: Pick<SessionEntity, 'tokenHash' | 'csrfToken' | 'userId' | 'authMethod' | 'expiresAt'>): Promise<void> {
    await this.tx.manager.insert(SessionEntity, session);
  }

  /** The live session for a cookie token, with its user, section and department. */
  findSession(tokenHash: string): Promise<SessionEntity | null> {
    return this.tx.manager
      .createQueryBuilder(SessionEntity, 's')
      .innerJoinAndSelect('s.user', 'u')
      .innerJoinAndSelect('u.section', 'sec')
      .innerJoinAndSelect('sec.department', 'd')
      .where('s.token_hash = :tokenHash', { tokenHash })
      .andWhere('s.expires_at > now()')
      .getOne();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.tx.manager.delete(SessionEntity, { tokenHash });
  }

  async deleteExpiredSessions(): Promise<number> {
    const result = await this.tx.manager.query(`DELETE FROM sessions WHERE expires_at <= now()`);
    return Array.isArray(result) ? (result[1] as number) ?? 0 : 0;
  }
}
