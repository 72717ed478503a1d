import { Injectable } from '@nestjs/common';
import type { Role, SessionResponse } from '@rr/contracts';
import { SessionEntity, TransactionHost, UserEntity } from '@rr/server/persistence';
import { createHash } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface LiveSessionRow {
  csrf_token: string;
  auth_method: 'local' | 'oidc';
  id: string;
  username: string;
  display_name: string;
  name_kana: string;
  employee_number: string;
  email: string;
  locale: 'ja' | 'en';
  roles: Role[];
  section_id: string;
  section_code: string;
  section_name: string;
  department_id: string;
  department_code: string;
  department_name: string;
}

const LIVE_SESSION_SQL = `
  SELECT s.csrf_token, s.auth_method, u.id, u.username, u.display_name, u.name_kana, u.employee_number, u.email, u.locale, u.roles,
         sec.id AS section_id, sec.code AS section_code, sec.name AS section_name,
         d.id AS department_id, d.code AS department_code, d.name AS department_name
    FROM sessions s
    JOIN users u ON u.id = s.user_id AND u.is_active
    JOIN sections sec ON sec.id = u.section_id
    JOIN departments d ON d.id = sec.department_id
   WHERE s.token_hash = $1 AND s.expires_at > now()`;

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

  /**
   * The live session of an active user, as the guard needs it on every request: one prepared
   * statement and plain rows (no entity hydration), since this runs before every handler.
   */
  async findLiveSession(tokenHash: string): Promise<SessionResponse | null> {
    const rows: LiveSessionRow[] = await this.tx.manager.query(LIVE_SESSION_SQL, [tokenHash]);
    const r = rows[0];
    if (!r) return null;
    return {
      csrfToken: r.csrf_token,
      authMethod: r.auth_method,
      user: {
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        nameKana: r.name_kana,
        employeeNumber: r.employee_number,
        email: r.email,
        locale: r.locale,
        roles: r.roles,
        section: { id: r.section_id, code: r.section_code, name: r.section_name },
        department: { id: r.department_id, code: r.department_code, name: r.department_name },
      },
    };
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
