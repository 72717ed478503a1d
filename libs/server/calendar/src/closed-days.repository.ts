import { Injectable } from '@nestjs/common';
import { ClosedDayEntity, TransactionHost } from '@rr/server/persistence';
import { Between } from 'typeorm';

@Injectable()
export class ClosedDaysRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** `date` comes back as 'YYYY-MM-DD' (TypeORM hydrates `date` columns as strings, never a Date). */
  listAll(): Promise<ClosedDayEntity[]> {
    return this.tx.manager.find(ClosedDayEntity, { order: { date: 'ASC' } });
  }

  listYear(year: number): Promise<ClosedDayEntity[]> {
    return this.tx.manager.find(ClosedDayEntity, { where: { date: Between(`${year}-01-01`, `${year}-12-31`) }, order: { date: 'ASC' } });
  }

  findForUpdate(date: string): Promise<ClosedDayEntity | null> {
    return this.tx.manager.findOne(ClosedDayEntity, { where: { date }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(date: string, reason: string): Promise<void> {
    await this.tx.manager.insert(ClosedDayEntity, { date, reason });
  }

  async delete(date: string): Promise<boolean> {
    const result = await this.tx.manager.delete(ClosedDayEntity, { date });
    return (result.affected ?? 0) > 0;
  }
}
