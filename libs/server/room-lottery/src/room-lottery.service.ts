import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateRoomLotteryRequest,
  CreateRoomLotteryRound,
  RoomLotteryRequestView,
  RoomLotteryRound,
  UpdateRoomLotteryRequest,
} from '@rr/contracts';
import { ROOM_LOTTERY_MAX_CHOICES } from '@rr/contracts';
import { commitmentOf, type Clock } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { checkRoomBookingWindow, RoomErrors } from '@rr/server/rooms';
import { randomBytes } from 'node:crypto';
import { currentActor, ROOM_LOTTERY_CLOCK, RoomLotteryErrors } from './room-lottery.errors';
import { RequestRow, RoomInfo, RoomLotteryRepository, RoundRow, StoredOption } from './room-lottery.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Rounds and requests of the high-demand room lottery (ADR 0021): General Affairs creates a round
 * over a set of high-demand rooms; staff apply with up to three ranked choices while it is open,
 * then confirm or decline what they won. The draw itself is RoomLotteryMachine's.
 */
@Injectable()
export class RoomLotteryService {
  constructor(
    private readonly repo: RoomLotteryRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(ROOM_LOTTERY_CLOCK) private readonly clock: Clock,
  ) {}

  async createRound(input: CreateRoomLotteryRound): Promise<RoomLotteryRound> {
    const actor = currentActor();
    const t = {
      period_start: new Date(input.periodStart),
      period_end: new Date(input.periodEnd),
      opens_at: new Date(input.opensAt),
      closes_at: new Date(input.closesAt),
      draw_at: new Date(input.drawAt),
      confirm_by: new Date(input.confirmBy),
      first_come_at: new Date(input.firstComeAt),
    };
    const order: Array<keyof typeof t> = ['opens_at', 'closes_at', 'draw_at', 'confirm_by', 'first_come_at', 'period_start', 'period_end'];
    const strict = new Set(['closes_at', 'confirm_by', 'period_end']);
    for (let i = 1; i < order.length; i++) {
      const a = t[order[i - 1]].getTime();
      const b = t[order[i]].getTime();
      if (strict.has(order[i]) ? !(a < b) : !(a <= b)) throw RoomLotteryErrors.scheduleInvalid(`${order[i - 1]} must be before ${order[i]}`);
    }
    if (t.period_start.getTime() % 900_000 !== 0 || t.period_end.getTime() % 900_000 !== 0) throw RoomLotteryErrors.scheduleInvalid('the period must lie on the 15-minute grid');
    if (t.period_end.getTime() - t.period_start.getTime() > 31 * 86_400_000) throw RoomLotteryErrors.scheduleInvalid('the period may be at most 31 days');
    const roomIds = [...new Set(input.roomIds)].sort();
    const secret = randomBytes(32).toString('hex');
    const now = this.clock.now();
    const id = await this.tx.run(async () => {
      // The rooms' row locks serialise this with first-come bookings of them (RoomLotteryPeriodCheck).
      const rooms = await this.repo.rooms(roomIds, true);
      if (rooms.length !== roomIds.length) throw RoomErrors.roomNotFound();
      if (rooms.some((r) => !r.high_demand || !r.active)) throw RoomLotteryErrors.notHighDemand();
      const buildings = [...new Set(rooms.map((r) => r.building))];
      const row = {
        name: input.name,
        pool_key: buildings.length === 1 ? buildings[0] : buildings.sort().join('+').slice(0, 100),
        room_ids: roomIds,
        ...t,
        status: (t.opens_at <= now ? 'open' : 'scheduled') as RoundRow['status'],
        commitment: commitmentOf(secret),
        secret,
      };
      const created = await this.repo.insertRound(row, actor.id);
      await this.audit.record('room_lottery_round.create', 'room_lottery_round', created, null, {
        name: row.name,
        roomIds,
        status: row.status,
        commitment: row.commitment,
        ...Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.toISOString()])),
      });
      return created;
    });
    return this.round(id);
  }

  async round(id: string): Promise<RoomLotteryRound> {
    const row = await this.repo.findRound(id);
    if (!row) throw RoomLotteryErrors.roundNotFound();
    return this.toRound({ ...row, request_count: await this.repo.countRequests(id) }, await this.repo.rooms(row.room_ids));
  }

  async listRounds(openOnly: boolean): Promise<RoomLotteryRound[]> {
    const rows = await this.repo.listRounds(openOnly, this.clock.now());
    const rooms = await this.repo.rooms([...new Set(rows.flatMap((r) => r.room_ids))]);
    return rows.map((r) => this.toRound(r, rooms));
  }

  /** Every entry of a round (administrators) or the caller's own. */
  async requests(roundId: string, all: boolean): Promise<RoomLotteryRequestView[]> {
    const actor = currentActor();
    const round = await this.repo.findRound(roundId);
    if (!round) throw RoomLotteryErrors.roundNotFound();
    const rows = await this.repo.requests(roundId, all && actor.isAdmin ? undefined : actor.id);
    return this.toRequests(rows);
  }

  async mine(): Promise<RoomLotteryRequestView[]> {
    return this.toRequests(await this.repo.myRequests(currentActor().id));
  }

  async drawRecord(roundId: string): Promise<unknown> {
    const round = await this.repo.findRound(roundId);
    if (!round) throw RoomLotteryErrors.roundNotFound();
    return (await this.repo.drawRecord(roundId)) ?? null;
  }

  async apply(roundId: string, input: CreateRoomLotteryRequest): Promise<RoomLotteryRequestView> {
    const actor = currentActor();
    const now = this.clock.now();
    const id = await this.tx.run(async () => {
      const round = await this.openRound(roundId, now);
      const options = await this.checkOptions(round, input.options, input.attendees, now);
      const rank = input.rank ?? (await this.repo.nextRank(roundId, actor.id));
      const created = await this.repo.insertRequest({ roundId, userId: actor.id, rank, title: input.title, attendees: input.attendees, options });
      await this.audit.record('room_lottery_request.create', 'room_lottery_request', created, null, { roundId, rank, title: input.title, attendees: input.attendees, options });
      return created;
    });
    return this.request(id);
  }

  async update(id: string, patch: UpdateRoomLotteryRequest): Promise<RoomLotteryRequestView> {
    const actor = currentActor();
    const now = this.clock.now();
    await this.tx.run(async () => {
      const before = await this.ownRequest(id, actor.id);
      const round = await this.openRound(before.round_id, now);
      const attendees = patch.attendees ?? before.attendees;
      const options = await this.checkOptions(round, patch.options ?? before.options, attendees, now);
      const after = { rank: patch.rank ?? before.rank, title: patch.title ?? before.title, attendees, options };
      await this.repo.updateRequest(id, after);
      await this.audit.record('room_lottery_request.update', 'room_lottery_request', id, snapshot(before), after);
    });
    return this.request(id);
  }

  async withdraw(id: string): Promise<void> {
    const actor = currentActor();
    const now = this.clock.now();
    await this.tx.run(async () => {
      const before = await this.ownRequest(id, actor.id);
      await this.openRound(before.round_id, now);
      await this.repo.deleteRequest(id);
      await this.audit.record('room_lottery_request.withdraw', 'room_lottery_request', id, snapshot(before), null);
    });
  }

  /** 当選確定: keeps the booking the draw made. */
  async confirm(id: string): Promise<RoomLotteryRequestView> {
    return this.decide(id, 'confirmed');
  }

  /** 辞退: frees the booking at once (it becomes first-come capacity after the confirm deadline). */
  async decline(id: string): Promise<RoomLotteryRequestView> {
    return this.decide(id, 'declined');
  }

  private async decide(id: string, to: 'confirmed' | 'declined'): Promise<RoomLotteryRequestView> {
    const actor = currentActor();
    const now = this.clock.now();
    await this.tx.run(async () => {
      const before = await this.ownRequest(id, actor.id);
      const round = await this.repo.findRound(before.round_id);
      if (before.status !== 'won' || !round) throw RoomLotteryErrors.notAWin();
      if (now >= round.confirm_by) throw RoomLotteryErrors.confirmClosed(round.confirm_by.toISOString());
      await this.repo.setOutcome(id, to, before.won_option, null);
      if (to === 'declined' && before.booking_id) await this.repo.cancelBooking(before.booking_id, now);
      await this.audit.record(`room_lottery_request.${to === 'confirmed' ? 'confirm' : 'decline'}`, 'room_lottery_request', id, snapshot(before), { status: to, bookingId: before.booking_id });
    });
    return this.request(id);
  }

  // ------------------------------------------------------------------ helpers

  private async request(id: string): Promise<RoomLotteryRequestView> {
    const row = await this.repo.findRequest(id);
    if (!row) throw RoomLotteryErrors.requestNotFound();
    return (await this.toRequests([row]))[0];
  }

  private async ownRequest(id: string, userId: string): Promise<RequestRow> {
    const row = await this.repo.findRequest(id, true);
    if (!row) throw RoomLotteryErrors.requestNotFound();
    if (row.user_id !== userId) throw RoomLotteryErrors.notOwner();
    return row;
  }

  /** The round, row-locked, if its window is open at `now` (by time: the tick may not have run yet). */
  private async openRound(roundId: string, now: Date): Promise<RoundRow> {
    const round = await this.repo.findRound(roundId, true);
    if (!round) throw RoomLotteryErrors.roundNotFound();
    if (!['scheduled', 'open'].includes(round.status) || now < round.opens_at || now >= round.closes_at) throw RoomLotteryErrors.windowClosed();
    return round;
  }

  /** ≤ 3 choices, each a room of the round, inside the period, on the grid and within the room's rules and capacity. */
  private async checkOptions(round: RoundRow, options: readonly StoredOption[], attendees: number, now: Date): Promise<StoredOption[]> {
    if (options.length > ROOM_LOTTERY_MAX_CHOICES) throw RoomLotteryErrors.tooManyOptions();
    const rooms = new Map((await this.repo.rooms(round.room_ids)).map((r) => [r.id, r]));
    return options.map((o) => {
      const room = rooms.get(o.roomId);
      if (!room) throw RoomLotteryErrors.notInRound();
      const startsAt = new Date(o.startsAt);
      const endsAt = new Date(o.endsAt);
      if (startsAt < round.period_start || endsAt > round.period_end) throw RoomLotteryErrors.outsidePeriod(round.period_start.toISOString(), round.period_end.toISOString());
      checkRoomBookingWindow(startsAt, endsAt, windowOf(room), now);
      if (attendees > room.capacity) throw RoomErrors.capacityExceeded(room.capacity);
      return { roomId: o.roomId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
    });
  }

  private toRound(r: RoundRow, rooms: readonly RoomInfo[]): RoomLotteryRound {
    const byId = new Map(rooms.map((x) => [x.id, x]));
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      rooms: r.room_ids.flatMap((id) => {
        const x = byId.get(id);
        return x ? [{ id: x.id, name: x.name, building: x.building, floor: x.floor, capacity: x.capacity }] : [];
      }),
      periodStart: r.period_start.toISOString(),
      periodEnd: r.period_end.toISOString(),
      opensAt: r.opens_at.toISOString(),
      closesAt: r.closes_at.toISOString(),
      drawAt: r.draw_at.toISOString(),
      confirmBy: r.confirm_by.toISOString(),
      firstComeAt: r.first_come_at.toISOString(),
      commitment: r.commitment,
      seed: r.seed,
      resultDigest: r.result_digest,
      drawnAt: iso(r.drawn_at),
      requestCount: r.request_count ?? 0,
    };
  }

  private async toRequests(rows: RequestRow[]): Promise<RoomLotteryRequestView[]> {
    const rooms = new Map((await this.repo.rooms([...new Set(rows.flatMap((r) => r.options.map((o) => o.roomId)))])).map((r) => [r.id, r.name]));
    return rows.map((r) => ({
      id: r.id,
      roundId: r.round_id,
      userId: r.user_id,
      userName: r.user_name,
      rank: r.rank,
      title: r.title,
      attendees: r.attendees,
      options: r.options.map((o) => ({ ...o, roomName: rooms.get(o.roomId) ?? '' })),
      status: r.status,
      wonOption: r.won_option,
      bookingId: r.booking_id,
      createdAt: r.created_at.toISOString(),
    }));
  }
}

export function windowOf(room: RoomInfo) {
  return {
    bookableFromMinute: room.bookable_from_minute,
    bookableUntilMinute: room.bookable_until_minute,
    maxDurationMinutes: room.max_duration_minutes,
    horizonMonths: room.horizon_months,
  };
}

function snapshot(r: RequestRow) {
  return { roundId: r.round_id, rank: r.rank, title: r.title, attendees: r.attendees, options: r.options, status: r.status };
}
