import type { Role } from '@rr/contracts';
import { hashPassword } from '@rr/server/identity';
import { DepartmentEntity, SectionEntity, UserEntity } from '@rr/server/persistence';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${randomUUID().slice(0, 4)}`;

export async function makeSection(ds: DataSource, overrides: Partial<SectionEntity> = {}): Promise<SectionEntity> {
  const dept = await ds.getRepository(DepartmentEntity).save({ code: `D${unique()}`, name: 'テスト局', kind: 'kyoku', sortOrder: 0 });
  return ds.getRepository(SectionEntity).save({ code: `S${unique()}`, name: 'テスト課', departmentId: dept.id, sortOrder: 0, ...overrides });
}

export interface TestUser {
  user: UserEntity;
  password: string;
}

/** A user with a real scrypt password hash, in a fresh section unless one is given. */
export async function makeUser(ds: DataSource, opts: { roles?: Role[]; sectionId?: string; password?: string; username?: string } = {}): Promise<TestUser> {
  const sectionId = opts.sectionId ?? (await makeSection(ds)).id;
  const password = opts.password ?? 'correct horse battery';
  const id = unique();
  const user = await ds.getRepository(UserEntity).save({
    username: opts.username ?? `u${id}`.toLowerCase(),
    displayName: `試験 太郎${id}`,
    nameKana: 'しけん たろう',
    employeeNumber: `E${id}`,
    email: `u${id}@city.example.jp`.toLowerCase(),
    sectionId,
    roles: opts.roles ?? ['staff'],
    locale: 'ja',
    passwordHash: await hashPassword(password),
  });
  return { user, password };
}
