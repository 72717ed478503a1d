import { Injectable } from '@nestjs/common';
import { CarBookingSettingsEntity, TransactionHost } from '@rr/server/persistence';

export type CarSettingsValues = Pick<
  CarBookingSettingsEntity,
  'bookableFromMinute' | 'bookableUntilMinute' | 'maxDurationMinutes' | 'horizonMonths' | 'expiryWarningDays'
>;

@Injectable()
export class CarSettingsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** The single settings row (the migration inserts it, so it always exists). */
  get(lock = false): Promise<CarBookingSettingsEntity> {
    return this.tx.manager.findOneOrFail(CarBookingSettingsEntity, { where: { id: 1 }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async update(patch: Partial<CarSettingsValues>, updatedBy: string): Promise<void> {
    await this.tx.manager.update(CarBookingSettingsEntity, { id: 1 }, { ...patch, updatedBy });
  }
}
