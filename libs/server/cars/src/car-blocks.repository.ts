import { Injectable } from '@nestjs/common';
import { CarBlockEntity, CarBlockKind, TransactionHost } from '@rr/server/persistence';

export type CarBlockValues = Pick<CarBlockEntity, 'carId' | 'kind' | 'startsAt' | 'endsAt' | 'allDay' | 'reason' | 'createdBy'>;

export interface CarBlockRow {
  id: string;
  car_id: string;
  plate_number: string;
  kind: CarBlockKind;
  all_day: boolean;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_at: Date;
}

const BLOCK_VIEW = `
  SELECT k.id, k.car_id, c.plate_number, k.kind, k.all_day, k.starts_at, k.ends_at, k.reason, k.created_at
    FROM car_blocks k JOIN cars c ON c.id = k.car_id`;

@Injectable()
export class CarBlocksRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Blocks overlapping [from, to), optionally of some cars, in time order. */
  list(f: { carId?: string; carIds?: string[]; from: Date; to: Date }): Promise<CarBlockRow[]> {
    const params: unknown[] = [f.from, f.to];
    const where = [`tstzrange(k.starts_at, k.ends_at) && tstzrange($1, $2)`];
    if (f.carId) {
      params.push(f.carId);
      where.push(`k.car_id = $${params.length}`);
    }
    if (f.carIds) {
      params.push(f.carIds);
      where.push(`k.car_id = ANY($${params.length}::uuid[])`);
    }
    return this.tx.manager.query(`${BLOCK_VIEW} WHERE ${where.join(' AND ')} ORDER BY k.starts_at, c.plate_number COLLATE "C", k.id`, params);
  }

  async findView(id: string): Promise<CarBlockRow | null> {
    const rows: CarBlockRow[] = await this.tx.manager.query(`${BLOCK_VIEW} WHERE k.id = $1`, [id]);
    return rows[0] ?? null;
  }

  findById(id: string, lock = false): Promise<CarBlockEntity | null> {
    return this.tx.manager.findOne(CarBlockEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async insert(values: CarBlockValues): Promise<string> {
    const result = await this.tx.manager.insert(CarBlockEntity, values);
    return result.identifiers[0].id as string;
  }

  async update(id: string, patch: Partial<Omit<CarBlockValues, 'carId' | 'createdBy'>>): Promise<void> {
    await this.tx.manager.update(CarBlockEntity, { id }, patch);
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(CarBlockEntity, { id });
  }
}
