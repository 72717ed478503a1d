import { Injectable } from '@nestjs/common';
import type { CarBlock, CarBlockResult, CarBlocksQuery, CreateCarBlock, UpdateCarBlock } from '@rr/contracts';
import { AppError, tokyoDate, tokyoInstant } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { CarBlockEntity, TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { CarBlockRow, CarBlocksRepository } from './car-blocks.repository';
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

  async create(input: CreateCarBlock): Promise<CarBlockResult> {
    const actor = currentActor();
    const interval = resolveInterval(input)!;
    return runCarTransaction(this.tx, async () => {
      if (!(await this.cars.lockForMaintenance(input.carId))) throw CarErrors.carNotFound();
      const id = await this.repo.insert({ carId: input.carId, kind: input.kind, reason: input.reason, ...interval, createdBy: actor.id });
      await this.audit.record('car_block.create', 'car_block', id, null, snapshot((await this.repo.findById(id))!));
      const affectedBookings = await this.bookings.moveOffBlock({ carId: input.carId, ...interval });
      return { block: toCarBlock((await this.repo.findView(id))!), affectedBookings };
    });
  }

  async update(id: string, patch: Partial<UpdateCarBlock>): Promise<CarBlockResult> {
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
      return { block: toCarBlock((await this.repo.findView(id))!), affectedBookings };
    });
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
