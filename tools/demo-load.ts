import 'reflect-metadata';
import { loadConfig } from '@rr/server/config';
import { hashPassword } from '@rr/server/identity';
import { ApproverDeputyEntity, createDataSource, DepartmentEntity, SectionEntity, UserEntity } from '@rr/server/persistence';
import { DataSource } from 'typeorm';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS } from './demo/organisation.data';
import { loadCarDemoData } from './demo/cars.data';
import { loadLotteryDemoData } from './demo/lottery.data';
import { loadRoomDemoData } from './demo/rooms.data';
import { loadGarageDemoData } from './demo/garage.data';
import { loadAcDemoData } from './demo/ac.data';

/**
 * `npm run demo:load`: loads the demo organisation and accounts (idempotent: upserts by code and
 * username). Refuses to run in production. Later capabilities add their demo data here.
 */
export async function loadDemoData(ds: DataSource): Promise<{ departments: number; sections: number; users: number }> {
  const sectionIds = new Map<string, string>();
  await ds.transaction(async (m) => {
    let order = 0;
    for (const d of DEMO_DEPARTMENTS) {
      await m.upsert(DepartmentEntity, { code: d.code, name: d.name, kind: d.kind, sortOrder: order++ }, ['code']);
      const dept = await m.findOneByOrFail(DepartmentEntity, { code: d.code });
      let sOrder = 0;
      for (const s of d.sections) {
        await m.upsert(SectionEntity, { code: s.code, name: s.name, departmentId: dept.id, sortOrder: sOrder++ }, ['code']);
        sectionIds.set(s.code, (await m.findOneByOrFail(SectionEntity, { code: s.code })).id);
      }
    }
  });
  // Hash outside the transaction (scrypt is slow on purpose); only new accounts get a password.
  const existing = new Set((await ds.getRepository(UserEntity).find({ select: { username: true } })).map((u) => u.username));
  const fresh = DEMO_USERS.filter((u) => !existing.has(u.username));
  const hashes = await Promise.all(fresh.map(() => hashPassword(DEMO_PASSWORD)));
  await ds.transaction(async (m) => {
    for (const [i, u] of fresh.entries()) {
      await m.insert(UserEntity, {
        username: u.username,
        displayName: u.displayName,
        nameKana: u.nameKana,
        employeeNumber: `K${String(DEMO_USERS.indexOf(u) + 1).padStart(6, '0')}`,
        email: `${u.username}@city.kitakyushu.example.jp`,
        sectionId: sectionIds.get(u.section)!,
        roles: u.roles,
        locale: u.locale ?? 'ja',
        passwordHash: hashes[i],
      });
    }
    // 代決: chief1's named deputy is subchief1; chief2's is ga2 (for the AC approval route later).
    const id = async (username: string) => (await m.findOneByOrFail(UserEntity, { username })).id;
    await m.upsert(ApproverDeputyEntity, { approverId: await id('chief1'), rank: 1, deputyId: await id('subchief1') }, ['approverId', 'rank']);
    await m.upsert(ApproverDeputyEntity, { approverId: await id('ga1'), rank: 1, deputyId: await id('ga2') }, ['approverId', 'rank']);
  });
  return { departments: DEMO_DEPARTMENTS.length, sections: sectionIds.size, users: DEMO_USERS.length };
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.env === 'production') {
    console.error('demo data is never loaded in production (NODE_ENV=production)');
    process.exit(1);
  }
  const ds = createDataSource(config.database.url, 2);
  await ds.initialize();
  try {
    const counts = await loadDemoData(ds);
    console.log(`demo data: ${counts.departments} departments, ${counts.sections} sections, ${counts.users} users (password: ${DEMO_PASSWORD})`);
    const cars = await loadCarDemoData(ds);
    console.log(`demo cars: ${cars.cars} cars at 勝山地下駐車場, ${cars.drivers} drivers, ${cars.blocks} new blocks, ${cars.bookings} new bookings`);
    const lottery = await loadLotteryDemoData(ds);
    console.log(lottery.round ? `demo lottery: round ${lottery.round} open for entries, ${lottery.requests} requests` : 'demo lottery: this period already has a round');
    const rooms = await loadRoomDemoData(ds);
    console.log(`demo rooms: ${rooms.rooms} rooms (本庁舎3階 and others), ${rooms.blocks} new blocks, ${rooms.bookings} new bookings`);
    console.log(`demo garage counter: ${await loadGarageDemoData(ds)}`);
    console.log(`demo AC: ${await loadAcDemoData(ds)}`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
