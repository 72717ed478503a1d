import { TOKYO } from '@rr/domain';
import { CarEntity, CarPoolEntity, DriverEntity, GarageEntity, UserEntity } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_USERS } from './organisation.data';

/**
 * Demo official-car data (公用車): the Katsuyama underground garage (勝山地下駐車場) with a fleet of
 * 50 pool cars, every demo user on the driver register, two maintenance blocks and a few bookings.
 *
 * Driver register — every demo user is an approved driver with a valid licence, except:
 * - staff3: licence expires in 12 days, staff4: in 25 days (the 30-day warning shows);
 * - staff5: licence expired 3 days ago (cannot book);
 * - staff6: registered but not yet approved by the garage (cannot book).
 * Dates are relative to the day of loading, so the scenario stays current when reloaded.
 *
 * Idempotent: garage, pool and cars are upserted by code / plate number, drivers by user; blocks and
 * bookings have fixed ids and are inserted with ON CONFLICT DO NOTHING (which also skips one that
 * would now overlap something booked through the UI).
 */

export const DEMO_GARAGE = { code: 'katsuyama', name: '勝山地下駐車場', address: '北九州市小倉北区城内（勝山公園地下）', notes: '本庁舎隣接。鍵の貸出は B1 管理室。' };
export const DEMO_POOL = { code: 'katsuyama-pool', name: '勝山地下駐車場 共用車', description: '抽選・先着予約の対象となる集中管理車両' };

interface FleetLine {
  classCode: 'kei' | 'regular' | 'wagon' | 'ev' | 'truck';
  count: number;
  /** 分類番号 and ひらがな of the plate, e.g. ['580', 'あ']. */
  plate: [string, string];
  /** First two digits of the 一連指定番号 (the serial is then NN-01, NN-02, …). */
  series: number;
  models: Array<{ model: string; seats: number; fuel: 'gasoline' | 'hybrid' | 'ev' | 'diesel' }>;
}

/** 12 軽, 20 普通, 8 ワゴン, 8 EV, 2 軽トラ = 50 cars. */
const FLEET: FleetLine[] = [
  { classCode: 'kei', count: 12, plate: ['580', 'あ'], series: 10, models: [{ model: 'ホンダ N-BOX', seats: 4, fuel: 'gasoline' }, { model: 'スズキ ワゴンR', seats: 4, fuel: 'gasoline' }, { model: 'ダイハツ タント', seats: 4, fuel: 'gasoline' }] },
  { classCode: 'regular', count: 20, plate: ['500', 'さ'], series: 20, models: [{ model: 'トヨタ プリウス', seats: 5, fuel: 'hybrid' }, { model: 'トヨタ カローラ', seats: 5, fuel: 'hybrid' }, { model: 'ホンダ フィット', seats: 5, fuel: 'hybrid' }] },
  { classCode: 'wagon', count: 8, plate: ['300', 'た'], series: 30, models: [{ model: 'トヨタ ノア', seats: 8, fuel: 'hybrid' }, { model: 'トヨタ ハイエース', seats: 10, fuel: 'diesel' }] },
  { classCode: 'ev', count: 8, plate: ['300', 'な'], series: 40, models: [{ model: '日産 リーフ', seats: 5, fuel: 'ev' }, { model: '日産 サクラ', seats: 4, fuel: 'ev' }] },
  { classCode: 'truck', count: 2, plate: ['480', 'か'], series: 50, models: [{ model: 'スズキ キャリイ', seats: 2, fuel: 'gasoline' }] },
];

export interface DemoCar {
  plateNumber: string;
  model: string;
  classCode: FleetLine['classCode'];
  seats: number;
  fuel: 'gasoline' | 'hybrid' | 'ev' | 'diesel';
  bay: string;
}

/** Plates 「北九州 580 あ 10-01」…; bays B1-01…B1-30, then B2-01…B2-20. */
export const DEMO_CARS: DemoCar[] = FLEET.flatMap((line) =>
  Array.from({ length: line.count }, (_, i) => ({ line, i })),
).map(({ line, i }, n) => {
  const m = line.models[i % line.models.length];
  return {
    plateNumber: `北九州 ${line.plate[0]} ${line.plate[1]} ${line.series}-${String(i + 1).padStart(2, '0')}`,
    model: m.model,
    classCode: line.classCode,
    seats: m.seats,
    fuel: m.fuel,
    bay: n < 30 ? `B1-${String(n + 1).padStart(2, '0')}` : `B2-${String(n - 29).padStart(2, '0')}`,
  };
});

/** The documented exceptions on the driver register (see the file comment). */
export const DEMO_DRIVER_EXCEPTIONS: Record<string, { expiresInDays?: number; approved?: boolean }> = {
  staff3: { expiresInDays: 12 },
  staff4: { expiresInDays: 25 },
  staff5: { expiresInDays: -3 },
  staff6: { approved: false },
};

/** Car by "class:index" (1-based within the class), for the bookings and blocks below. */
const car = (classCode: DemoCar['classCode'], index: number) => DEMO_CARS.filter((c) => c.classCode === classCode)[index - 1].plateNumber;

interface DemoBooking {
  key: string;
  plate: string;
  driver: string;
  bookedBy?: string;
  day: number;
  from: string;
  /** End on `day + endDay` (multi-day trips). */
  endDay?: number;
  to: string;
  purpose: string;
  destination: string;
  passengers?: number;
  outOfPrefecture?: boolean;
  priorityReason?: string;
}

export const DEMO_BOOKINGS: DemoBooking[] = [
  { key: 'b1', plate: car('regular', 1), driver: 'staff1', day: 1, from: '09:00', to: '12:00', purpose: '環境学習施設の現地確認', destination: '環境ミュージアム（八幡東区）', passengers: 1 },
  { key: 'b2', plate: car('wagon', 1), driver: 'subchief1', bookedBy: 'chief1', day: 2, from: '13:00', to: '17:00', purpose: '出前講座の機材運搬', destination: '響灘ビオトープ（若松区）', passengers: 4 },
  { key: 'b3', plate: car('kei', 1), driver: 'ga1', day: 1, from: '10:00', to: '11:30', purpose: '区役所との打合せ', destination: '小倉北区役所' },
  { key: 'b4', plate: car('ev', 1), driver: 'staff-en', day: 3, from: '09:00', to: '10:00', purpose: 'Site visit', destination: '北九州学術研究都市（若松区）' },
  { key: 'b5', plate: car('regular', 2), driver: 'staff2', day: 4, from: '08:30', endDay: 1, to: '18:00', purpose: '関門連携会議への出席', destination: '下関市役所（山口県）', passengers: 2, outOfPrefecture: true },
  { key: 'b6', plate: car('truck', 1), driver: 'garage1', day: 1, from: '08:00', to: '17:00', purpose: '土砂災害箇所の現地確認', destination: '門司区 風師山周辺', priorityReason: '災害対応' },
];

type DemoBlock = { key: string; plate: string; kind: 'shaken' | 'inspection' | 'repair' | 'other'; startDay: number; reason: string } & (
  | { endDay: number }
  | { from: string; to: string }
);

/** A whole-day 車検 (two days) and a partial-day 点検. */
export const DEMO_BLOCKS: DemoBlock[] = [
  { key: 'k1', plate: car('regular', 20), kind: 'shaken', startDay: 6, endDay: 7, reason: '車検（継続検査）' },
  { key: 'k2', plate: car('ev', 8), kind: 'inspection', startDay: 2, from: '13:00', to: '15:00', reason: '12か月点検' },
];

/** A stable uuid for a demo row, so reloading finds the same row. */
function demoId(key: string): string {
  const h = createHash('sha256').update(`chonai-rr demo cars ${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function tokyoAt(day: number, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return DateTime.now().setZone(TOKYO).startOf('day').plus({ days: day }).set({ hour: h, minute: m }).toJSDate();
}

function tokyoDatePlus(days: number): string {
  return DateTime.now().setZone(TOKYO).startOf('day').plus({ days }).toISODate() as string;
}

async function upsertFleet(m: EntityManager): Promise<Map<string, string>> {
  await m.upsert(GarageEntity, DEMO_GARAGE, ['code']);
  await m.upsert(CarPoolEntity, DEMO_POOL, ['code']);
  const garage = await m.findOneByOrFail(GarageEntity, { code: DEMO_GARAGE.code });
  const pool = await m.findOneByOrFail(CarPoolEntity, { code: DEMO_POOL.code });
  for (const c of DEMO_CARS) {
    await m.upsert(CarEntity, { ...c, garageId: garage.id, poolId: pool.id, status: 'active', notes: '' }, ['plateNumber']);
  }
  const cars = await m.find(CarEntity, { where: { poolId: pool.id } });
  return new Map(cars.map((c) => [c.plateNumber, c.id]));
}

async function upsertDrivers(m: EntityManager, users: Map<string, UserEntity>): Promise<void> {
  const approver = users.get('garage1');
  for (const [i, u] of DEMO_USERS.entries()) {
    const user = users.get(u.username);
    if (!user) continue;
    const exception = DEMO_DRIVER_EXCEPTIONS[u.username] ?? {};
    const approved = exception.approved ?? true;
    const conditions = [...(i % 3 === 0 ? ['AT限定'] : []), ...(i % 5 === 0 ? ['眼鏡等'] : [])];
    await m.upsert(
      DriverEntity,
      {
        userId: user.id,
        licenceNumber: `90${String(1_000_000_007 * (i + 1)).slice(-10).padStart(10, '0')}`,
        licenceExpiresOn: tokyoDatePlus(exception.expiresInDays ?? 365 + ((i * 97) % 1100)),
        licenceConditions: conditions,
        firstLicensedOn: `${1990 + (i % 30)}-04-01`,
        approved,
        approvedAt: approved ? new Date() : null,
        approvedBy: approved ? (approver?.id ?? null) : null,
        notes: '',
      },
      ['userId'],
    );
  }
}

/** Loads the demo fleet, drivers, blocks and bookings (idempotent). Needs the demo organisation first. */
export async function loadCarDemoData(ds: DataSource): Promise<{ cars: number; drivers: number; blocks: number; bookings: number }> {
  const inserted = { blocks: 0, bookings: 0 };
  await ds.transaction(async (m) => {
    const carIds = await upsertFleet(m);
    const users = new Map((await m.find(UserEntity)).map((u) => [u.username, u]));
    await upsertDrivers(m, users);
    for (const k of DEMO_BLOCKS) {
      const partial = 'from' in k;
      const startsAt = partial ? tokyoAt(k.startDay, k.from) : tokyoAt(k.startDay, '00:00');
      const endsAt = partial ? tokyoAt(k.startDay, k.to) : tokyoAt(k.endDay + 1, '00:00');
      const result = await m.query(
        `INSERT INTO car_blocks (id, car_id, kind, starts_at, ends_at, all_day, reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
        [demoId(k.key), carIds.get(k.plate), k.kind, startsAt, endsAt, !partial, k.reason, users.get('garage1')?.id ?? null],
      );
      inserted.blocks += result.length;
    }
    for (const b of DEMO_BOOKINGS) {
      const driver = users.get(b.driver)!;
      const result = await m.query(
        `INSERT INTO car_bookings (id, car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination,
                                   passengers, out_of_prefecture, source, priority_reason, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'confirmed') ON CONFLICT DO NOTHING RETURNING id`,
        [
          demoId(b.key),
          carIds.get(b.plate),
          driver.id,
          users.get(b.bookedBy ?? b.driver)!.id,
          driver.sectionId,
          tokyoAt(b.day, b.from),
          tokyoAt(b.day + (b.endDay ?? 0), b.to),
          b.purpose,
          b.destination,
          b.passengers ?? 0,
          b.outOfPrefecture ?? false,
          b.priorityReason ? 'priority' : 'first_come',
          b.priorityReason ?? null,
        ],
      );
      inserted.bookings += result.length;
    }
  });
  return { cars: DEMO_CARS.length, drivers: DEMO_USERS.length, ...inserted };
}
