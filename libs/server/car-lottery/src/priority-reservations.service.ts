import { Injectable } from '@nestjs/common';
import { CreatePriorityReservation, LOTTERY_PRIORITY_LABELS, PriorityReservation } from '@rr/contracts';
import { AppError, tokyoDate } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { CarBookingsService } from '@rr/server/cars';
import { TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { LotteryErrors } from './car-lottery.errors';
import { runLotteryTransaction } from './lottery-transaction';
import { PriorityRepository, PriorityRow } from './priority.repository';
import { RoundsRepository } from './rounds.repository';

function toPriority(r: PriorityRow): PriorityReservation {
  return {
    bookingId: r.booking_id,
    roundId: r.round_id,
    category: r.category,
    reason: r.reason,
    carId: r.car_id,
    plateNumber: r.plate_number,
    driverId: r.driver_id,
    driverName: r.driver_name,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: r.status,
    createdById: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * Hard priorities (災害対応, 議会, 市長公務) reserved by a garage administrator before the draw, with a
 * category and a reason: an ordinary `priority` car booking (same checks, same exclusion
 * constraints, audited by the cars feature) plus this round's record of why. The draw reads it as
 * pre-occupied capacity. The round is held FOR SHARE, so the draw (FOR UPDATE) waits for it.
 */
@Injectable()
export class PriorityReservationsService {
  constructor(
    private readonly repo: PriorityRepository,
    private readonly rounds: RoundsRepository,
    private readonly carBookings: CarBookingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async list(roundId: string): Promise<PriorityReservation[]> {
    if (!(await this.rounds.findById(roundId))) throw LotteryErrors.roundNotFound();
    return (await this.repo.list(roundId)).map(toPriority);
  }

  async create(roundId: string, input: CreatePriorityReservation): Promise<PriorityReservation> {
    const actor = currentActor();
    const bookingId = await runLotteryTransaction(this.tx, async () => {
      const round = await this.rounds.findById(roundId, 'share');
      if (!round) throw LotteryErrors.roundNotFound();
      if (!['scheduled', 'open', 'frozen'].includes(round.status)) throw LotteryErrors.alreadyDrawn();
      const pool = await this.repo.carPool(input.carId);
      if (pool === null) throw new AppError('CAR_NOT_FOUND', 'not_found');
      if (pool !== round.poolId) throw LotteryErrors.carNotInPool();
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      if (startsAt < round.periodStart || endsAt > round.periodEnd) {
        throw LotteryErrors.outsidePeriod(tokyoDate(round.periodStart), tokyoDate(new Date(round.periodEnd.getTime() - 1)), 'startsAt');
      }
      const label = LOTTERY_PRIORITY_LABELS[input.category].ja;
      const booking = await this.carBookings.create({
        carId: input.carId,
        driverId: input.driverId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        purpose: input.purpose,
        destination: input.destination,
        passengers: input.passengers,
        outOfPrefecture: input.outOfPrefecture,
        priorityReason: `${label}: ${input.reason}`.slice(0, 200),
      });
      await this.repo.insert({ bookingId: booking.id, roundId, category: input.category, reason: input.reason, createdBy: actor.id });
      await this.audit.record('car_lottery_priority.create', 'car_lottery_round', roundId, null, {
        bookingId: booking.id,
        category: input.category,
        reason: input.reason,
        carId: input.carId,
        driverId: input.driverId,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
      });
      return booking.id;
    });
    return toPriority((await this.repo.findView(bookingId))!);
  }
}
