import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RoomLotteryTickResult } from '@rr/contracts';
import { buildDrawRecord, drawRound, nextZeroWinStreak, type Clock, type DrawParams, type LotteryInput } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { NotificationsService } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { createHash, randomUUID } from 'node:crypto';
import { ROOM_LOTTERY_CLOCK } from './room-lottery.errors';
import { RoomLotteryRepository, RoundRow } from './room-lottery.repository';

type Status = RoundRow['status'];
const NEXT: Record<Status, { to: Status; at: keyof RoundRow } | null> = {
  scheduled: { to: 'open', at: 'opens_at' },
  open: { to: 'closed', at: 'closes_at' },
  closed: { to: 'drawn', at: 'draw_at' },
  drawn: { to: 'done', at: 'first_come_at' },
  done: null,
};

/**
 * The external value when nobody entered one (as the car rounds, ADR 0010): the previous drawn
 * round of the same pool's result digest, hashed, or a marker for the pool's first round.
 */
export function roomFallbackExternalValue(roundId: string, previous: { id: string; result_digest: string } | null): string {
  if (!previous) return `fallback:no-previous-round;round=${roundId}`;
  return `fallback:sha256(previous-result-digest)=${createHash('sha256').update(previous.result_digest, 'utf8').digest('hex')};previous-round=${previous.id}`;
}

/**
 * Drives room lottery rounds scheduled → open → closed → drawn → done (ADR 0021). Each step runs in
 * its own transaction under pg_try_advisory_xact_lock on the round, re-reads the row FOR UPDATE,
 * and ends in a conditional status change, so two workers advance a round exactly once. The draw
 * writes the immutable record, the winners' room bookings, the outcomes, the streaks and the
 * won/lost notifications in that one transaction.
 */
@Injectable()
export class RoomLotteryMachine {
  private readonly logger = new Logger('RoomLottery');

  constructor(
    private readonly tx: TransactionHost,
    private readonly repo: RoomLotteryRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @Inject(ROOM_LOTTERY_CLOCK) private readonly clock: Clock,
  ) {}

  async tick(now: Date = this.clock.now()): Promise<RoomLotteryTickResult> {
    const advanced: RoomLotteryTickResult['advanced'] = [];
    for (const id of await this.repo.dueRoundIds(now)) {
      try {
        advanced.push(...(await this.advance(id, now)));
      } catch (error) {
        this.logger.error(`round ${id}: ${(error as Error).message}`);
      }
    }
    return { advanced };
  }

  /** Every step of one round due at `now`, one transaction each. */
  async advance(roundId: string, now: Date = this.clock.now()): Promise<RoomLotteryTickResult['advanced']> {
    const done: RoomLotteryTickResult['advanced'] = [];
    for (let i = 0; i < 4; i++) {
      const step = await this.tx.run(async () => {
        if (!(await this.repo.tryLock(roundId))) return null;
        const round = await this.repo.findRound(roundId, true);
        const next = round ? NEXT[round.status] : null;
        if (!round || !next || (round[next.at] as Date) > now) return null;
        if (next.to === 'drawn') await this.draw(round, now);
        else if (next.to === 'done') await this.finish(round, now);
        else if (!(await this.repo.transition(round.id, round.status, next.to))) return null;
        await this.audit.record(`room_lottery_round.${next.to}`, 'room_lottery_round', round.id, { status: round.status }, { status: next.to });
        return { roundId, from: round.status, to: next.to };
      });
      if (!step) break;
      done.push(step);
    }
    return done;
  }

  /** closed → drawn: the draw, exactly once (advisory lock, row lock, conditional update, the record's primary key). */
  private async draw(round: RoundRow, now: Date): Promise<void> {
    const requests = await this.repo.requests(round.id);
    const applicants = [...new Set(requests.map((r) => r.user_id))].sort();
    const { bookings, commitments } = await this.repo.occupancy(round, applicants);
    const input: LotteryInput = {
      roundId: round.id,
      period: { start: round.period_start.toISOString(), end: round.period_end.toISOString() },
      classes: round.room_ids.map((id) => ({ id, resources: [id] })),
      bookings: bookings.map((b) => ({ id: b.id, resourceId: b.room_id, start: b.starts_at.toISOString(), end: b.ends_at.toISOString(), driverId: b.organiser_id })),
      driverCommitments: commitments.map((c) => ({ driverId: c.organiser_id, start: c.starts_at.toISOString(), end: c.ends_at.toISOString() })),
      requests: requests.map((r) => ({ id: r.id, userId: r.user_id, rank: r.rank, options: r.options.map((o) => ({ classId: o.roomId, start: o.startsAt, end: o.endsAt })) })),
    };
    const streaks = await this.repo.streaks(round.pool_key, applicants);
    const externalValue = round.external_value ?? roomFallbackExternalValue(round.id, await this.repo.previousDrawn(round.pool_key, round.period_start));
    const params: DrawParams = {
      input,
      streaks: applicants.map((userId) => ({ userId, zeroWinStreak: streaks.get(userId) ?? 0 })),
      secret: round.secret,
      externalValue,
      commitment: round.commitment,
    };
    const result = drawRound(params);
    const record = buildDrawRecord(params, result);
    await this.repo.insertDrawRecord(round.id, result.algorithm, record, result.seed, result.resultDigest);

    const byId = new Map(requests.map((r) => [r.id, r]));
    const roomNames = new Map((await this.repo.rooms(round.room_ids)).map((r) => [r.id, r.name]));
    const wins = new Map<string, Array<{ requestId: string; bookingId: string; option: number; roomName: string; title: string; startsAt: string; endsAt: string }>>();
    const requestCount = new Map<string, number>();
    for (let i = 0; i < result.requestIds.length; i++) {
      const request = byId.get(result.requestIds[i])!;
      requestCount.set(request.user_id, (requestCount.get(request.user_id) ?? 0) + 1);
      const option = result.wonOption[i];
      if (option === 0) {
        await this.repo.setOutcome(request.id, 'lost', null, null);
        continue;
      }
      const chosen = request.options[option - 1];
      const bookingId = randomUUID();
      await this.repo.insertBooking({ id: bookingId, roomId: result.assignedResource[i]!, title: request.title, userId: request.user_id, attendees: request.attendees, startsAt: chosen.startsAt, endsAt: chosen.endsAt });
      await this.repo.setOutcome(request.id, 'won', option, bookingId);
      wins.set(request.user_id, [
        ...(wins.get(request.user_id) ?? []),
        { requestId: request.id, bookingId, option, roomName: roomNames.get(chosen.roomId) ?? '', title: request.title, startsAt: chosen.startsAt, endsAt: chosen.endsAt },
      ]);
    }
    await this.repo.setStreaks(
      round.pool_key,
      round.id,
      result.tickets.map((t) => ({ userId: t.userId, zeroWinStreak: nextZeroWinStreak(t.zeroWinStreak, { applied: true, won: wins.has(t.userId) }) })),
    );
    if (
      !(await this.repo.transition(round.id, 'closed', 'drawn', {
        external_value: externalValue,
        seed: result.seed,
        input_digest: result.inputDigest,
        result_digest: result.resultDigest,
        drawn_at: now,
      }))
    ) {
      throw new Error(`round ${round.id} left 'closed' during its draw`);
    }
    for (const [userId, lines] of wins) {
      await this.notifications.notify(
        userId,
        'room_lottery.won',
        { roundId: round.id, roundName: round.name, confirmBy: round.confirm_by.toISOString(), wins: lines.slice(0, 100) },
        { dedupeKey: `room-lottery:${round.id}:won` },
      );
    }
    const byCount = new Map<number, string[]>();
    for (const [userId, n] of requestCount) if (!wins.has(userId)) byCount.set(n, [...(byCount.get(n) ?? []), userId]);
    for (const [n, users] of byCount) {
      await this.notifications.notify(users, 'room_lottery.lost', { roundId: round.id, roundName: round.name, requestCount: n }, { dedupeKey: `room-lottery:${round.id}:lost` });
    }
    this.logger.log(`round ${round.id} drawn: ${result.requestIds.length} requests, ${[...wins.values()].reduce((n, l) => n + l.length, 0)} wins`);
  }

  /** drawn → done at the first-come time: wins not confirmed by the deadline are void and their bookings freed. */
  private async finish(round: RoundRow, now: Date): Promise<void> {
    for (const w of await this.repo.unconfirmedWins(round.id)) {
      await this.repo.setOutcome(w.id, 'void', w.won_option, null);
      if (w.booking_id) await this.repo.cancelBooking(w.booking_id, now);
    }
    if (!(await this.repo.transition(round.id, 'drawn', 'done'))) throw new Error(`round ${round.id} left 'drawn'`);
  }
}
