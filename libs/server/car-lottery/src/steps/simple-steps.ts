import { Injectable } from '@nestjs/common';
import { commitmentOf, computeInputDigest, computeTickets, ticketDigest } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { randomBytes } from 'node:crypto';
import { AllocationRepository } from '../allocation.repository';
import { LotteryNotifier } from '../lottery-notifier';
import { PoolStateReader } from '../pool-state.reader';
import { RoundRow, RoundsRepository } from '../rounds.repository';

/** What the audit log keeps of a round at each step. */
export function roundSnapshot(r: RoundRow) {
  return {
    poolId: r.poolId,
    status: r.status,
    periodStart: r.periodStart.toISOString(),
    periodEnd: r.periodEnd.toISOString(),
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    drawAt: r.drawAt.toISOString(),
    confirmBy: r.confirmBy.toISOString(),
    firstComeAt: r.firstComeAt.toISOString(),
    commitment: r.commitment,
    inputDigest: r.inputDigest,
    ticketDigest: r.ticketDigest,
    externalValue: r.externalValue,
    externalValueSource: r.externalValueSource,
    seed: r.seed,
    resultDigest: r.resultDigest,
    waitlistDigest: r.waitlistDigest,
  };
}

/**
 * The small steps of the state machine (ADR 0010). Each runs inside the caller's transaction, with
 * the round's advisory lock held and its row locked FOR UPDATE, after the caller checked the step is
 * due; each ends in one conditional status change and returns whether it happened.
 */
@Injectable()
export class SimpleSteps {
  constructor(
    private readonly rounds: RoundsRepository,
    private readonly allocations: AllocationRepository,
    private readonly reader: PoolStateReader,
    private readonly notifier: LotteryNotifier,
    private readonly audit: AuditService,
  ) {}

  /** scheduled → open: the secret is drawn now and only its commitment published (LOTTERY.md). */
  async open(round: RoundRow, now: Date): Promise<boolean> {
    const secret = randomBytes(32).toString('hex');
    const commitment = commitmentOf(secret);
    if (!(await this.rounds.transition(round.id, 'scheduled', 'open', now, { secret, commitment }))) return false;
    await this.notifier.roundOpen(round, await this.allocations.approvedDriverIds());
    await this.audit.record('car_lottery_round.open', 'car_lottery_round', round.id, { status: round.status }, { status: 'open', commitment });
    return true;
  }

  /**
   * open → frozen: the canonical input and the ticket table are fixed and their digests published.
   * The UPDATE waits for submissions still holding the round FOR SHARE, so every request accepted
   * before the close is in; later ones see `frozen` (or the clock) and are refused. A round whose
   * pool still has an earlier round waiting for its draw stays open until that draw (its tickets
   * come from the streaks that draw writes).
   */
  async freeze(round: RoundRow, now: Date): Promise<boolean> {
    if ((await this.rounds.earlierUndrawn(round.poolId, round.periodStart)) > 0) return false;
    const { input } = await this.reader.read(round, false);
    const applicants = [...new Set(input.requests.map((r) => r.userId))];
    const streaks = await this.allocations.streaks(round.poolId, applicants);
    const tickets = computeTickets(input, [...streaks].map(([userId, zeroWinStreak]) => ({ userId, zeroWinStreak })));
    const inputDigest = computeInputDigest(input);
    const tDigest = ticketDigest(round.id, tickets);
    const patch = { frozenAt: now, frozenInput: input, inputDigest, ticketTable: tickets, ticketDigest: tDigest };
    if (!(await this.rounds.transition(round.id, 'open', 'frozen', now, patch))) return false;
    await this.audit.record('car_lottery_round.freeze', 'car_lottery_round', round.id, { status: round.status }, {
      status: 'frozen',
      inputDigest,
      ticketDigest: tDigest,
      requests: input.requests.length,
      applicants: applicants.length,
    });
    return true;
  }

  /** drawn → confirming: results are out and winners may confirm or decline. */
  async publish(round: RoundRow, now: Date): Promise<boolean> {
    if (!(await this.rounds.transition(round.id, 'drawn', 'confirming', now))) return false;
    await this.audit.record('car_lottery_round.publish', 'car_lottery_round', round.id, { status: round.status }, { status: 'confirming' });
    return true;
  }

  /** Once, at reminderAt: every holder of an unconfirmed win hears the deadline again. */
  async remind(round: RoundRow, now: Date): Promise<boolean> {
    if (!(await this.rounds.patch(round.id, { reminderSentAt: now }, { status: ['confirming'], reminderUnsent: true }))) return false;
    const holders = await this.allocations.provisionalHolders(round.id);
    for (const h of holders) await this.notifier.reminder(round, h.userId, h.pending);
    await this.audit.record('car_lottery_round.remind', 'car_lottery_round', round.id, null, { reminded: holders.length });
    return true;
  }

  /** first_come → closed once every trip of the period is over. */
  async close(round: RoundRow, now: Date): Promise<boolean> {
    if (!(await this.rounds.transition(round.id, 'first_come', 'closed', now, { closedAt: now }))) return false;
    await this.audit.record('car_lottery_round.close', 'car_lottery_round', round.id, { status: round.status }, { status: 'closed' });
    return true;
  }
}
