import { Injectable } from '@nestjs/common';
import type { CreateUser, Page, UpdateUser, User } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { hashPassword } from '@rr/server/identity';
import { TransactionHost } from '@rr/server/persistence';
import { ApproversRepository } from './approvers.repository';
import { toUser, userAuditSnapshot } from './organisation.mappers';
import { mapWriteError, OrgErrors } from './organisation.errors';
import type { UserListQuery } from './users.query';
import { UserPatch, UsersRepository } from './users.repository';

/**
 * 職員 (user accounts) as administered by sysadmins. Unique username / employee number / e-mail are
 * guarded by the database's unique indexes, never by a check-then-insert.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly approvers: ApproversRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async list(query: UserListQuery): Promise<Page<User>> {
    const { items, total } = await this.users.search(query);
    const deputies = await this.approvers.deputiesOf(items.map((u) => u.id));
    return { items: items.map((u) => toUser(u, deputies)), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<User> {
    const [user] = await this.views([id]);
    if (!user) throw OrgErrors.userNotFound();
    return user;
  }

  /** Users as the API shows them (section, department, ranked deputies), in the order of `ids`. */
  async views(ids: string[]): Promise<User[]> {
    const [rows, deputies] = await Promise.all([this.users.findViews(ids), this.approvers.deputiesOf(ids)]);
    const byId = new Map(rows.map((u) => [u.id, u]));
    return ids.flatMap((id) => {
      const u = byId.get(id);
      return u ? [toUser(u, deputies)] : [];
    });
  }

  async create(input: CreateUser): Promise<User> {
    const { password, ...fields } = input;
    // scrypt is slow on purpose: hash before the transaction so no connection waits on it.
    const passwordHash = password === undefined ? null : await hashPassword(password);
    try {
      const id = await this.tx.run(async () => {
        const newId = await this.users.insert({ ...fields, passwordHash });
        const created = (await this.users.findById(newId))!;
        await this.audit.record('user.create', 'user', newId, null, { ...userAuditSnapshot(created), hasPassword: passwordHash !== null });
        return newId;
      });
      return this.get(id);
    } catch (error) {
      throw mapWriteError(error, OrgErrors.sectionNotFound);
    }
  }

  /**
   * A new password is a reset by the administrator: it also clears the lock-out. Deactivating an
   * account ends its sessions at once (the session check also refuses inactive users).
   */
  async update(id: string, input: Partial<UpdateUser>): Promise<User> {
    const { password, ...fields } = input;
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    try {
      await this.tx.run(async () => {
        const before = await this.users.findById(id, true);
        if (!before) throw OrgErrors.userNotFound();
        const patch: UserPatch = { ...fields };
        if (passwordHash !== undefined) Object.assign(patch, { passwordHash, failedLogins: 0, lockedUntil: null });
        if (Object.keys(patch).length === 0) return;
        await this.users.update(id, patch);
        if (before.isActive && fields.isActive === false) await this.users.deleteSessions(id);
        const after = (await this.users.findById(id))!;
        await this.audit.record(
          'user.update',
          'user',
          id,
          userAuditSnapshot(before),
          passwordHash === undefined ? userAuditSnapshot(after) : { ...userAuditSnapshot(after), passwordReset: true },
        );
      });
    } catch (error) {
      throw mapWriteError(error, OrgErrors.sectionNotFound);
    }
    return this.get(id);
  }
}
