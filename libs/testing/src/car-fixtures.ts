import { TOKYO } from '@rr/domain';
import { CarEntity, CarPoolEntity, DriverEntity, GarageEntity, UserEntity } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

// Car fixtures for the cars and car-lottery integration specs: rows written straight through the DataSource, so
// each test builds its own garage, pool and cars and never collides with another test or run.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${randomUUID().slice(0, 4)}`;

export interface Fleet {
  garageId: string;
  poolId: string;
}

export async function makeFleet(ds: DataSource): Promise<Fleet> {
  const garage = await ds.getRepository(GarageEntity).save({ code: `G${unique()}`, name: '試験駐車場', address: '', notes: '' });
  const pool = await ds.getRepository(CarPoolEntity).save({ code: `P${unique()}`, name: '試験プール', description: '' });
  return { garageId: garage.id, poolId: pool.id };
}

export async function makeCar(ds: DataSource, fleet: Fleet, overrides: Partial<CarEntity> = {}): Promise<CarEntity> {
  return ds.getRepository(CarEntity).save({
    plateNumber: `試験 300 あ ${unique()}`,
    model: 'テストカー',
    classCode: 'regular',
    seats: 5,
    fuel: 'hybrid',
    garageId: fleet.garageId,
    poolId: fleet.poolId,
    bay: '',
    status: 'active',
    notes: '',
    ...overrides,
  } as CarEntity);
}

/** A Tokyo date `days` from today, 'YYYY-MM-DD'. */
export function tokyoDatePlus(days: number): string {
  return DateTime.now().setZone(TOKYO).startOf('day').plus({ days }).toISODate() as string;
}

/** An ISO instant with +09:00 for a Tokyo wall-clock time `days` from today. */
export function tokyoAt(days: number, hhmm: string): string {
  return `${tokyoDatePlus(days)}T${hhmm}:00+09:00`;
}

/** Registers a driver (approved, licence valid two years) unless told otherwise. */
export async function registerDriver(ds: DataSource, userId: string, overrides: Partial<DriverEntity> = {}): Promise<DriverEntity> {
  const approved = overrides.approved ?? true;
  return ds.getRepository(DriverEntity).save({
    userId,
    licenceNumber: null,
    licenceExpiresOn: tokyoDatePlus(730),
    licenceConditions: [],
    firstLicensedOn: null,
    approved,
    approvedAt: approved ? new Date() : null,
    approvedBy: null,
    notes: '',
    ...overrides,
  });
}

/** Users without a password (they never sign in; someone books for them), already registered as drivers. */
export async function makeDrivers(ds: DataSource, sectionId: string, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, () => {
    const id = unique();
    return {
      username: `d${id}`.toLowerCase(),
      displayName: `運転 花子${id}`,
      nameKana: 'うんてん はなこ',
      employeeNumber: `D${id}`,
      email: `d${id}@city.example.jp`.toLowerCase(),
      sectionId,
      roles: ['staff'],
      locale: 'ja',
      passwordHash: null,
    };
  });
  const result = await ds.getRepository(UserEntity).insert(rows as never);
  const ids = result.identifiers.map((i) => i.id as string);
  for (const id of ids) await registerDriver(ds, id);
  return ids;
}

/** Pairs of active bookings of one car, or of one driver, that overlap: must always be 0. */
export async function overlappingPairs(ds: DataSource): Promise<{ car: number; driver: number }> {
  const count = async (column: 'car_id' | 'driver_id') => {
    const [row] = await ds.query(
      `SELECT count(*)::int AS n FROM car_bookings a JOIN car_bookings b
          ON a.id < b.id AND a.${column} = b.${column} AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
       WHERE a.status IN ('provisional','confirmed','in_use') AND b.status IN ('provisional','confirmed','in_use')`,
    );
    return row.n as number;
  };
  return { car: await count('car_id'), driver: await count('driver_id') };
}
