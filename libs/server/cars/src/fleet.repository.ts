import { Injectable } from '@nestjs/common';
import { CarClassEntity, CarPoolEntity, GarageEntity, TransactionHost } from '@rr/server/persistence';

export type GarageValues = Pick<GarageEntity, 'code' | 'name' | 'address' | 'notes'>;
export type CarPoolValues = Pick<CarPoolEntity, 'code' | 'name' | 'description'>;
export type WithCarCount<T> = T & { carCount: number };

/** Garages, pools and classes: the fleet's reference tables. */
@Injectable()
export class FleetRepository {
  constructor(private readonly tx: TransactionHost) {}

  listGarages(): Promise<Array<WithCarCount<GarageEntity>>> {
    return this.withCounts(GarageEntity, 'garage_id');
  }

  listPools(): Promise<Array<WithCarCount<CarPoolEntity>>> {
    return this.withCounts(CarPoolEntity, 'pool_id');
  }

  private async withCounts<T extends GarageEntity | CarPoolEntity>(entity: new () => T, column: 'garage_id' | 'pool_id'): Promise<Array<WithCarCount<T>>> {
    const rows = await this.tx.manager.find(entity, { order: { code: 'ASC' } as never });
    const counts: Array<{ id: string; n: number }> = await this.tx.manager.query(
      `SELECT ${column} AS id, count(*)::int AS n FROM cars WHERE status = 'active' GROUP BY ${column}`,
    );
    const byId = new Map(counts.map((c) => [c.id, c.n]));
    return rows.map((row) => Object.assign(row, { carCount: byId.get(row.id) ?? 0 }));
  }

  async garageWithCount(id: string): Promise<WithCarCount<GarageEntity> | null> {
    const row = await this.tx.manager.findOneBy(GarageEntity, { id });
    return row ? Object.assign(row, { carCount: await this.activeCars('garage_id', id) }) : null;
  }

  async poolWithCount(id: string): Promise<WithCarCount<CarPoolEntity> | null> {
    const row = await this.tx.manager.findOneBy(CarPoolEntity, { id });
    return row ? Object.assign(row, { carCount: await this.activeCars('pool_id', id) }) : null;
  }

  private async activeCars(column: 'garage_id' | 'pool_id', id: string): Promise<number> {
    const [row] = await this.tx.manager.query(`SELECT count(*)::int AS n FROM cars WHERE ${column} = $1 AND status = 'active'`, [id]);
    return row.n as number;
  }

  findGarage(id: string, lock = false): Promise<GarageEntity | null> {
    return this.tx.manager.findOne(GarageEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findPool(id: string, lock = false): Promise<CarPoolEntity | null> {
    return this.tx.manager.findOne(CarPoolEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async insertGarage(values: GarageValues): Promise<string> {
    const result = await this.tx.manager.insert(GarageEntity, values);
    return result.identifiers[0].id as string;
  }

  async insertPool(values: CarPoolValues): Promise<string> {
    const result = await this.tx.manager.insert(CarPoolEntity, values);
    return result.identifiers[0].id as string;
  }

  async updateGarage(id: string, patch: Partial<GarageValues>): Promise<void> {
    await this.tx.manager.update(GarageEntity, { id }, patch);
  }

  async updatePool(id: string, patch: Partial<CarPoolValues>): Promise<void> {
    await this.tx.manager.update(CarPoolEntity, { id }, patch);
  }

  async deleteGarage(id: string): Promise<void> {
    await this.tx.manager.delete(GarageEntity, { id });
  }

  async deletePool(id: string): Promise<void> {
    await this.tx.manager.delete(CarPoolEntity, { id });
  }

  listClasses(): Promise<CarClassEntity[]> {
    return this.tx.manager.find(CarClassEntity, { order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  findClass(code: string): Promise<CarClassEntity | null> {
    return this.tx.manager.findOneBy(CarClassEntity, { code });
  }
}
