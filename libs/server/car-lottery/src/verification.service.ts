import { Injectable } from '@nestjs/common';
import type { LotteryPosition, LotteryTicketTable, LotteryVerifyResult, LotteryWaitlist } from '@rr/contracts';
import { DrawRecord, isLotteryError, orderKey, parseDrawRecord, verifyDrawRecord } from '@rr/domain';
import { currentActor } from './actor';
import { AllocationRepository } from './allocation.repository';
import { LotteryErrors } from './car-lottery.errors';
import { RoundRow, RoundsRepository } from './rounds.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public evidence of a draw (LOTTERY.md "Verifiable draws"): the exported record, the ticket
 * table, each user's own key and place, and a verifier that re-runs any record it is given.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly rounds: RoundsRepository,
    private readonly allocations: AllocationRepository,
  ) {}

  private async round(id: string): Promise<RoundRow> {
    const round = await this.rounds.findById(id);
    if (!round) throw LotteryErrors.roundNotFound();
    return round;
  }

  /** The immutable record as stored; `npm run lottery:verify -- <file>` re-runs it. */
  async record(roundId: string): Promise<DrawRecord> {
    await this.round(roundId);
    const record = await this.allocations.drawRecord(roundId);
    if (!record) throw LotteryErrors.notDrawn();
    return record;
  }

  async tickets(roundId: string): Promise<LotteryTicketTable> {
    const round = await this.round(roundId);
    const { ticketTable } = await this.rounds.frozenState(roundId);
    if (!ticketTable || !round.ticketDigest) throw LotteryErrors.notFrozen();
    return { roundId, ticketDigest: round.ticketDigest, rows: ticketTable };
  }

  async myPosition(roundId: string): Promise<LotteryPosition> {
    const actor = currentActor();
    const round = await this.round(roundId);
    const { ticketTable } = await this.rounds.frozenState(roundId);
    const row = ticketTable?.find((t) => t.userId === actor.id) ?? null;
    const base: LotteryPosition = {
      roundId,
      userId: actor.id,
      status: round.status,
      applied: row !== null,
      zeroWinStreak: row?.zeroWinStreak ?? null,
      tickets: row?.tickets ?? null,
      key: null,
      position: null,
      applicants: ticketTable ? ticketTable.length : null,
      seed: null,
    };
    const record = row ? await this.allocations.drawRecord(roundId) : null;
    if (!record || !row) return base;
    const index = record.order.indexOf(actor.id);
    return { ...base, key: orderKey(record.seed, actor.id, row.tickets), position: index >= 0 ? index + 1 : null, applicants: record.order.length, seed: record.seed };
  }

  async waitlist(roundId: string): Promise<LotteryWaitlist> {
    await this.round(roundId);
    const passes = await this.allocations.waitlistPasses(roundId);
    return {
      roundId,
      passes: passes.map((p) => ({
        passNo: p.passNo,
        createdAt: p.createdAt.toISOString(),
        releasedRequestIds: p.releasedRequestIds,
        releasedBookingIds: p.releasedBookingIds,
        promotions: p.promotions,
        digest: p.digest,
      })),
    };
  }

  /**
   * Re-runs a record someone hands in (e.g. an exported file) and compares every published value.
   * A record that cannot be re-run → 400 LOTTERY_RECORD_INVALID; one that differs (tampered or
   * damaged) → 400 LOTTERY_RECORD_MISMATCH naming the first difference.
   */
  async verify(json: unknown): Promise<LotteryVerifyResult> {
    let result;
    let record: DrawRecord;
    try {
      record = parseDrawRecord(json);
      result = verifyDrawRecord(record);
    } catch (error) {
      if (isLotteryError(error)) throw LotteryErrors.recordInvalid(`${error.code}: ${error.message}`);
      throw error;
    }
    if (!result.ok) {
      const d = result.firstDifference;
      throw LotteryErrors.recordMismatch(d.path, d.expected.slice(0, 200), d.actual.slice(0, 200));
    }
    const stored = UUID.test(record.roundId) ? await this.allocations.drawRecord(record.roundId) : null;
    return { ok: true, digest: result.digest, roundId: record.roundId, matchesStored: stored ? stored.resultDigest === result.digest : null };
  }
}
