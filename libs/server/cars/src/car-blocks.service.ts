import { Injectable } from '@nestjs/common';
import type { AffectedBooking, CarBlock, CarBlockResult, CarBlocksQuery, CreateCarBlock, UpdateCarBlock } from '@rr/contracts';
import { AppError, tokyoDate, tokyoInstant } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { NotificationsService } from '@rr/server/notifications';
import { CarBlockEntity, TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { CarBlockRow, CarBlocksRepository } from './car-blocks.repository';
import { CarBookingsRepository } from './car-bookings.repository';
import { CarBookingsService } from './car-bookings.service';
import { CarSettingsService } from './car-settings.service';
import { runCarTransaction } from './car-transaction';
import { CarErrors } from './cars.errors';
import { CarsRepository } from './cars.repository';
import { checkInterval } from './rules/booking-window';
import { tokyoDay } from './rules/day-slots';

export function toCarBlock(row: CarBlockRow): CarBlock {
  return {
    id: row.id,
    carId: row.car_id,
    plateNumber: row.plate_number,
    kind: row.kind,
    allDay: row.all_day,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}

const snapshot = (b: CarBlockEntity) => ({
  carId: b.carId,
  kind: b.kind,
  allDay: b.allDay,
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
  reason: b.reason,
});

/**
 * `notifyHolders`: tell each displaced booking's driver and booker (notification outbox, same
 * transaction) whether it moved to another car or has none. The blocks API sets it; a caller that
 * sends its own messages (the garage's damage report) leaves it off.
 */
export interface BlockWriteOptions {
  notifyHolders?: boolean;
}

type IntervalInput = { startDate?: string; endDate?: string; startsAt?: string; endsAt?: string };

/** Whole Tokyo days [startDate 00:00, day after endDate 00:00), or two instants on the grid. */
function resolveInterval(input: IntervalInput): { startsAt: Date; endsAt: Date; allDay: boolean } | null {
  if (input.startDate && input.endDate) {
    if (input.endDate < input.startDate) throw new AppError('CAR_TIME_INVALID_RANGE', 'validation');
    return { startsAt: tokyoInstant(input.startDate), endsAt: tokyoDay(input.endDate).endsAt, allDay: true };
  }
  if (input.startsAt && input.endsAt) {
    const interval = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), allDay: false };
    checkInterval(interval.startsAt, interval.endsAt);
    return interval;
  }
  return null;
}

/**
 * Maintenance blocks (車検・点検・修理). Writing one locks the car FOR UPDATE, so it waits for every
 * booking of the car in flight and none can start until it commits; overlapping blocks of one car
 * are refused by an exclusion constraint. Active bookings it covers are moved or flagged.
 */
@Injectable()
export class CarBlocksService {
  constructor(
    private readonly repo: CarBlocksRepository,
    private readonly cars: CarsRepository,
    private readonly bookings: CarBookingsService,
    private readonly settings: CarSettingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly bookingRows: CarBookingsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async list(query: CarBlocksQuery): Promise<CarBlock[]> {
    const from = query.from ? tokyoInstant(query.from) : tokyoInstant(tokyoDate(this.settings.clock.now()));
    const to = query.to ? tokyoDay(query.to).endsAt : new Date('2100-01-01T00:00:00Z');
    return (await this.repo.list({ carId: query.carId, from, to })).map(toCarBlock);
  }

  async get(id: string): Promise<CarBlock> {
    const row = await this.repo.findView(id);
    if (!row) throw CarErrors.blockNotFound();
    return toCarBlock(row);
  }

  async create(input: CreateCarBlock, options: BlockWriteOptions = {}): Promise<CarBlockResult> {
    const actor = currentActor();
    const interval = resolveInterval(input)!;
    return runCarTransaction(this.tx, async () => {
      if (!(await this.cars.lockForMaintenance(input.carId))) throw CarErrors.carNotFound();
      const id = await this.repo.insert({ carId: input.carId, kind: input.kind, reason: input.reason, ...interval, createdBy: actor.id });
      await this.audit.record('car_block.create', 'car_block', id, null, snapshot((await this.repo.findById(id))!));
      const affectedBookings = await this.bookings.moveOffBlock({ carId: input.carId, ...interval });
      const block = toCarBlock((await this.repo.findView(id))!);
      if (options.notifyHolders) await this.notifyHolders(block, affectedBookings);
      return { block, affectedBookings };
    });
  }

  async update(id: string, patch: Partial<UpdateCarBlock>, options: BlockWriteOptions = {}): Promise<CarBlockResult> {
    const interval = resolveInterval(patch);
    return runCarTransaction(this.tx, async () => {
      const existing = await this.repo.findById(id);
      if (!existing) throw CarErrors.blockNotFound();
      await this.cars.lockForMaintenance(existing.carId);
      const before = (await this.repo.findById(id, true))!;
      const values = { ...(patch.kind ? { kind: patch.kind } : {}), ...(patch.reason ? { reason: patch.reason } : {}), ...(interval ?? {}) };
      if (Object.keys(values).length === 0) return { block: toCarBlock((await this.repo.findView(id))!), affectedBookings: [] };
      await this.repo.update(id, values);
      const after = (await this.repo.findById(id))!;
      await this.audit.record('car_block.update', 'car_block', id, snapshot(before), snapshot(after));
      const affectedBookings = await this.bookings.moveOffBlock({ carId: after.carId, startsAt: after.startsAt, endsAt: after.endsAt });
      await this.bookings.clearResolvedFlags(after.carId);
      const block = toCarBlock((await this.repo.findView(id))!);
      if (options.notifyHolders) await this.notifyHolders(block, affectedBookings);
      return { block, affectedBookings };
    });
  }

  /**
   * 予約車両の変更 / 使用不可: one message per displaced booking to its driver and booker, keyed by
   * block, booking and new car so a later edit of the same block does not repeat it (a booking
   * moved again to yet another car is told again).
   */
  private async notifyHolders(block: CarBlock, affected: readonly AffectedBooking[]): Promise<void> {
    const kind = block.kind;
    for (const a of affected) {
      const row = await this.bookingRows.findView(a.bookingId);
      const holders = row ? [row.driver_id, row.booked_by] : [a.driverId];
      const trip = { startsAt: new Date(a.startsAt).toISOString(), endsAt: new Date(a.endsAt).toISOString() };
      if (a.outcome === 'reassigned' && a.newPlateNumber) {
        await this.notifications.notify(
          holders,
          'car.block_moved',
          { bookingId: a.bookingId, kind, fromPlateNumber: block.plateNumber, toPlateNumber: a.newPlateNumber, ...trip },
          { dedupeKey: `block-moved:${block.id}:${a.bookingId}:${a.newCarId}` },
        );
      } else {
        await this.notifications.notify(
          holders,
          'car.block_unavailable',
          { bookingId: a.bookingId, kind, plateNumber: block.plateNumber, ...trip },
          { dedupeKey: `block-flagged:${block.id}:${a.bookingId}` },
        );
      }
    }
  }

  async remove(id: string): Promise<void> {
    await runCarTransaction(this.tx, async () => {
      const existing = await this.repo.findById(id);
      if (!existing) throw CarErrors.blockNotFound();
      await this.cars.lockForMaintenance(existing.carId);
      const before = await this.repo.findById(id, true);
      if (!before) throw CarErrors.blockNotFound();
      await this.repo.delete(id);
      await this.audit.record('car_block.delete', 'car_block', id, snapshot(before), null);
      await this.bookings.clearResolvedFlags(before.carId);
    });
  }
}
