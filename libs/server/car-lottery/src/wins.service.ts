import { Inject, Injectable } from '@nestjs/common';
import type { LotteryRequest } from '@rr/contracts';
import { Clock } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { AllocationRepository } from './allocation.repository';
import { CAR_LOTTERY_CLOCK } from './car-lottery.clock';
import { LotteryErrors } from './car-lottery.errors';
import { runLotteryTransaction } from './lottery-transaction';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';
import { RoundsRepository } from './rounds.repository';
import { confirmationIsOpen } from './rules/round-state';

/**
 * 当選確定 / 当選辞退 by the holder (the applicant or the named driver) before the deadline. A
 * decline returns the car at once (the booking is `cancelled`); the waitlist pass at the deadline
 * gives it to the next request in lottery order. The round is held FOR SHARE, so the release step
 * (which voids what is still provisional) waits for a confirmation in flight, never half-sees it.
 */
@Injectable()
export class WinsService {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly rounds: RoundsRepository,
    private readonly allocations: AllocationRepository,
    private readonly views: RequestsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(CAR_LOTTERY_CLOCK) private readonly clock: Clock,
  ) {}

  confirm(requestId: string): Promise<LotteryRequest> {
    return this.respond(requestId, 'confirm');
  }

  decline(requestId: string): Promise<LotteryRequest> {
    return this.respond(requestId, 'decline');
  }

  private async respond(requestId: string, decision: 'confirm' | 'decline'): Promise<LotteryRequest> {
    const actor = currentActor();
    await runLotteryTransaction(this.tx, async () => {
      const unlocked = await this.requests.findById(requestId);
      if (!unlocked) throw LotteryErrors.requestNotFound();
      if (unlocked.userId !== actor.id && unlocked.driverId !== actor.id) throw LotteryErrors.notOwner();
      // Lock order of every round writer: round, then request, then booking.
      const round = (await this.rounds.findById(unlocked.roundId, 'share'))!;
      const request = (await this.requests.findById(requestId, true))!;
      if (!request.bookingId || request.result !== 'won') throw LotteryErrors.notAWin();
      const booking = await this.allocations.lockBooking(request.bookingId);
      if (!booking || booking.status !== 'provisional' || booking.source !== 'lottery') throw LotteryErrors.notAWin();
      const now = this.clock.now();
      if (!confirmationIsOpen(round, now)) throw LotteryErrors.confirmClosed(round.confirmBy.toISOString());
      const status = decision === 'confirm' ? 'confirmed' : 'cancelled';
      await this.allocations.setBookingStatus(booking.id, status, now);
      await this.audit.record(decision === 'confirm' ? 'car_booking.confirm' : 'car_booking.decline', 'car_booking', booking.id, { status: 'provisional' }, {
        status,
        roundId: round.id,
        requestId,
      });
    });
    return this.views.get(requestId);
  }
}
