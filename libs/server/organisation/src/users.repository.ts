import { Injectable } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { SessionEntity, TransactionHost, UserEntity } from '@rr/server/persistence';
import { In } from 'typeorm';

export interface UserSearch {
  q?: string;
  sectionId?: string;
  role?: Role;
  limit: number;
  offset: number;
}

/** The columns a service may write; lock-out counters and timestamps have their own paths. */
export type UserValues = Pick<UserEntity, 'username' | 'displayName' | 'nameKana' | 'employeeNumber' | 'email' | 'sectionId' | 'roles' | 'locale' | 'isActive' | 'passwordHash'>;
export type UserPatch = Partial<UserValues> & Partial<Pick<UserEntity, 'failedLogins' | 'lockedUntil'>>;

/** Escapes LIKE wildcards so a search for `50%` or `a_b` matches those characters literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionHost) {}

  async search(query: UserSearch): Promise<{ items: UserEntity[]; total: number }> {
    const qb = this.tx.manager
      .createQueryBuilder(UserEntity, 'u')
      .innerJoinAndSelect('u.section', 's')
      .innerJoinAndSelect('s.department', 'd');
    if (query.q) {
      const pattern = `%${escapeLike(query.q)}%`;
      qb.andWhere(
        `(u.username ILIKE :pattern ESCAPE '\\' OR u.display_name ILIKE :pattern ESCAPE '\\' OR u.name_kana ILIKE :pattern ESCAPE '\\'
          OR u.employee_number ILIKE :pattern ESCAPE '\\' OR u.email ILIKE :pattern ESCAPE '\\')`,
        { pattern },
      );
    }
    if (query.sectionId) qb.andWhere('u.section_id = :sectionId', { sectionId: query.sectionId });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    qb.orderBy('u.name_kana', 'ASC').addOrderBy('u.username', 'ASC').take(query.limit).skip(query.offset);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** Users with their section and department (for responses). */
  findViews(ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.manager.find(UserEntity, { where: { id: In(ids) }, relations: { section: { department: true } } });
  }

  /**
   * With `lock`, holds the row until the transaction ends. FOR NO KEY UPDATE, not FOR UPDATE: it
   * still serialises writers, but does not block sign-ins (a new session's foreign key only needs
   * FOR KEY SHARE on the user).
   */
  findById(id: string, lock = false): Promise<UserEntity | null> {
    return this.tx.manager.findOne(UserEntity, { where: { id }, ...(lock ? { lock: { mode: 'for_no_key_update' as const } } : {}) });
  }

  findByIds(ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.manager.find(UserEntity, { where: { id: In(ids) } });
  }

  /** Locked rows for an upsert, so a concurrent change cannot slip between read and write. */
  findByUsernamesForUpdate(usernames: string[]): Promise<UserEntity[]> {
    if (usernames.length === 0) return Promise.resolve([]);
    return this.tx.manager.find(UserEntity, { where: { username: In(usernames) }, lock: { mode: 'for_no_key_update' } });
  }

  async insert(values: UserValues): Promise<string> {
    const result = await this.tx.manager.insert(UserEntity, values);
    return (result.identifiers[0] as { id: string }).id;
  }

  async update(id: string, patch: UserPatch): Promise<void> {
    await this.tx.manager.update(UserEntity, { id }, patch);
  }

  async deleteSessions(userId: string): Promise<void> {
    await this.tx.manager.delete(SessionEntity, { userId });
  }
}
