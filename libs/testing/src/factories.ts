import type { Role } from '@rr/contracts';
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

/**
 * The scrypt hash of TEST_PASSWORD, made once with the product's own hasher (identity's
 * password-hasher.ts) so the test kit does not depend on a feature lib and tests do not spend 100 ms
 * hashing per user. auth.int-spec.ts proves the product verifies it.
 */
export const TEST_PASSWORD = 'correct horse battery';
const TEST_PASSWORD_HASH = 'scrypt$32768$8$1$SY8e/mA0yksGLhYRXg6rVw==$dZNk5kVGnzQmo/BiQuD41WZkRaYyfBD+rq/S1YXVOaU=';

/** A user who signs in with TEST_PASSWORD, in a fresh section unless one is given. */
export async function makeUser(ds: DataSource, opts: { roles?: Role[]; sectionId?: string; username?: string } = {}): Promise<TestUser> {
  const sectionId = opts.sectionId ?? (await makeSection(ds)).id;
  const password = TEST_PASSWORD;
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
    passwordHash: TEST_PASSWORD_HASH,
  });
  return { user, password };
}
