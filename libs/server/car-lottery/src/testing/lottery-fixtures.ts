import { TOKYO } from '@rr/domain';
import { CarEntity, CarPoolEntity, DriverEntity, GarageEntity } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

// Fixtures for the car lottery's integration specs: each test builds its own garage, pool and cars
// (rounds are per pool), written straight through the DataSource.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${randomUUID().slice(0, 4)}`;

export interface Fleet {
  garageId: string;
  poolId: string;
}

export async function makeFleet(ds: DataSource): Promise<Fleet> {
  const garage = await ds.getRepository(GarageEntity).save({ code: `G${unique()}`, name: '抽選試験駐車場', address: '', notes: '' });
  const pool = await ds.getRepository(CarPoolEntity).save({ code: `P${unique()}`, name: '抽選試験プール', description: '' });
  return { garageId: garage.id, poolId: pool.id };
}

export async function makeCar(ds: DataSource, fleet: Fleet, overrides: Partial<CarEntity> = {}): Promise<CarEntity> {
  return ds.getRepository(CarEntity).save({
    plateNumber: `抽選 300 あ ${unique()}`,
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

export function tokyoDatePlus(days: number): string {
  return DateTime.now().setZone(TOKYO).startOf('day').plus({ days }).toISODate() as string;
}

/** ISO instant (+09:00) of a Tokyo wall-clock time on a Tokyo date. */
export function jst(date: string, hhmm: string): string {
  return `${date}T${hhmm}:00+09:00`;
}

export async function registerDriver(ds: DataSource, userId: string, overrides: Partial<DriverEntity> = {}): Promise<void> {
  const approved = overrides.approved ?? true;
  await ds.getRepository(DriverEntity).save({
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

/** Deterministic pseudo-random integers for test workloads (no Math.random: lint rule). */
export function seeded(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    return s % n;
  };
}
