import { Inject, Injectable } from '@nestjs/common';
import type { CreateRoomBooking, RoomBooking, UpdateRoomBooking } from '@rr/contracts';
import type { Clock } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { RoomBookingEntity, TransactionHost } from '@rr/server/persistence';
import { RoomActor, currentActor } from './actor';
import { RoomAcNeedsRepository } from './room-ac-needs.repository';
import { RoomAcNeedsService } from './room-ac-needs.service';
import { RoomBookingRow, RoomBookingsRepository } from './room-bookings.repository';
import { RoomSettingsService } from './room-settings.service';
import { runRoomTransaction } from './room-transaction';
import { ROOMS_CLOCK } from './rooms-clock';
import { isRetryableTransactionError, mapRoomWriteError, RoomErrors } from './rooms.errors';
import { bookingSnapshot, toRoomBooking, windowSettings } from './rooms.mappers';
import { RoomRow, RoomsRepository } from './rooms.repository';
import { RoomBookingFastPath } from './room-booking-fast-path';
import { RoomLotteryPeriodCheck } from './room-lottery-period';
import { checkRoomBookingWindow, roomAccepts } from './rules/room-booking-window';

interface Slot {
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  attendees: number;
}

/**
 * First-come room bookings (先着予約): create, edit and cancel. Overlaps are refused by the
 * exclusion constraint EX_room_bookings_no_overlap, never by a prior SELECT; the room row lock
 * (FOR NO KEY UPDATE) only makes contenders queue instead of deadlocking (ADR 0012).
 */
@Injectable()
export class RoomBookingsService {
  constructor(
    private readonly repo: RoomBookingsRepository,
    private readonly rooms: RoomsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly acNeeds: RoomAcNeedsService,
    private readonly acNeedRows: RoomAcNeedsRepository,
    private readonly settings: RoomSettingsService,
    private readonly fast: RoomBookingFastPath,
    private readonly lotteryPeriod: RoomLotteryPeriodCheck,
    @Inject(ROOMS_CLOCK) private readonly clock: Clock,
  ) {}

  /** The API view of a booking (with the current check-in settings). */
  async view(id: string): Promise<RoomBooking> {
    const [row, settings] = await Promise.all([this.repo.findView(id), this.settings.get()]);
    if (!row) throw RoomErrors.bookingNotFound();
    return toRoomBooking(row, settings);
  }

  /**
   * The hot path (ADR 0017 §Benchmark): one transaction of three statements (four with an AC need)
   * — lock the room, INSERT-unless-blocked returning the view, the audit entry.
   */
  async create(input: CreateRoomBooking): Promise<RoomBooking> {
    const actor = currentActor();
    const now = this.clock.now();
    const slot = { roomId: input.roomId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), attendees: input.attendees };
    const settings = await this.settings.get();
    const fast = await this.tryFastCreate(input, slot, actor, now);
    if (fast) return toRoomBooking(fast, settings);
    const row = await runRoomTransaction(this.tx, async () => {
      const organiserId = await this.checkOrganiser(input.organiserId ?? actor.id, actor);
      const room = await this.rooms.lockForBooking(slot.roomId);
      this.checkRoom(room, slot, now);
      if (room.high_demand) await this.lotteryPeriod.assertBookable(room.id, slot.startsAt, slot.endsAt, now);
      const need = await this.acNeeds.needFor(slot.startsAt, slot.endsAt, room.zone_code);
      const created = await this.repo.insertUnlessBlocked({ ...slot, title: input.title, organiserId, bookedBy: actor.id, status: 'active', acExtensionNeeded: need !== null });
      if (!created) throw RoomErrors.blocked();
      if (need) {
        await this.acNeedRows.insert(created.id, room.zone_code, need);
        Object.assign(created, { ac_date: need.date, ac_start_minute: need.startMinute, ac_end_minute: need.endMinute, ac_status: 'open' });
      }
      await this.audit.record('room_booking.create', 'room_booking', created.id, null, rowSnapshot(created));
      return created;
    });
    return toRoomBooking(row, settings);
  }

  /**
   * The one-statement path (RoomBookingFastPath) for the common case — booking for oneself a room
   * whose cached rules accept the slot. null = take the transaction: on behalf of someone, a check
   * failed on the cached row (the transaction re-checks against the locked row and answers), the
   * room changed meanwhile, or a deadlock / serialisation failure to be retried there.
   */
  private async tryFastCreate(input: CreateRoomBooking, slot: Slot, actor: RoomActor, now: Date): Promise<RoomBookingRow | null> {
    if (input.organiserId !== undefined && input.organiserId !== actor.id) return null;
    const room = await this.fast.room(slot.roomId);
    if (!room || !room.active || room.high_demand || slot.attendees > room.capacity || !roomAccepts(slot.startsAt, slot.endsAt, windowSettings(room), now)) return null;
    const need = await this.acNeeds.needFor(slot.startsAt, slot.endsAt, room.zone_code);
    let outcome;
    try {
      outcome = await this.fast.create({ room, title: input.title, organiserId: actor.id, bookedBy: actor.id, attendees: slot.attendees, startsAt: slot.startsAt, endsAt: slot.endsAt, need });
    } catch (error) {
      if (isRetryableTransactionError(error)) return null;
      throw mapRoomWriteError(error);
    }
    if (outcome.kind === 'blocked') throw RoomErrors.blocked();
    return outcome.kind === 'created' ? outcome.row : null;
  }

  /**
   * Edits a booking not yet started, in one transaction with the same guarantees as creating one:
   * a new room, time or headcount is checked against the (new) room's rules and the constraint.
   * Lock order: booking row, then room row (creating takes only the room: no cycle).
   */
  async update(id: string, patch: Partial<UpdateRoomBooking>): Promise<RoomBooking> {
    const actor = currentActor();
    const now = this.clock.now();
    await runRoomTransaction(this.tx, async () => {
      const before = await this.holderLocked(id, actor);
      if (before.status !== 'active' || before.startsAt <= now) throw RoomErrors.notEditable();
      const slot: Slot = {
        roomId: patch.roomId ?? before.roomId,
        startsAt: patch.startsAt ? new Date(patch.startsAt) : before.startsAt,
        endsAt: patch.endsAt ? new Date(patch.endsAt) : before.endsAt,
        attendees: patch.attendees ?? before.attendees,
      };
      const slotChanged =
        slot.roomId !== before.roomId ||
        slot.startsAt.getTime() !== before.startsAt.getTime() ||
        slot.endsAt.getTime() !== before.endsAt.getTime() ||
        slot.attendees !== before.attendees;
      const organiserId = patch.organiserId !== undefined && patch.organiserId !== before.organiserId ? await this.checkOrganiser(patch.organiserId, actor) : before.organiserId;
      const title = patch.title ?? before.title;
      if (!slotChanged && organiserId === before.organiserId && title === before.title) return;
      if (slotChanged) {
        const room = await this.lockAndCheckRoom(slot, now);
        const need = await this.acNeeds.needFor(slot.startsAt, slot.endsAt, room.zone_code);
        await this.repo.update(id, { ...slot, title, organiserId, acExtensionNeeded: need !== null });
        await this.acNeedRows.sync(id, room.zone_code, need);
      } else {
        await this.repo.update(id, { title, organiserId });
      }
      await this.audit.record('room_booking.update', 'room_booking', id, bookingSnapshot(before), bookingSnapshot((await this.repo.findById(id))!));
    });
    return this.view(id);
  }

  /** 取消: the organiser or the booker before the start; General Affairs / sysadmin at any time. Frees the slot at once. */
  async cancel(id: string): Promise<RoomBooking> {
    const actor = currentActor();
    const now = this.clock.now();
    await runRoomTransaction(this.tx, async () => {
      const before = await this.holderLocked(id, actor);
      const cancellable = before.status === 'active' && (actor.isAdmin || before.startsAt > now);
      if (!cancellable) throw RoomErrors.notCancellable();
      await this.repo.update(id, { status: 'cancelled', statusChangedAt: now });
      await this.acNeedRows.voidFor([id]);
      await this.audit.record('room_booking.cancel', 'room_booking', id, bookingSnapshot(before), bookingSnapshot((await this.repo.findById(id))!));
    });
    return this.view(id);
  }

  // ------------------------------------------------------------------ helpers

  /** The booking locked FOR UPDATE, if the caller organises it, booked it, or administers rooms. */
  private async holderLocked(id: string, actor: RoomActor): Promise<RoomBookingEntity> {
    const before = await this.repo.findById(id, true);
    if (!before) throw RoomErrors.bookingNotFound();
    if (before.organiserId !== actor.id && before.bookedBy !== actor.id && !actor.isAdmin) throw RoomErrors.notHolder();
    return before;
  }

  /** Anyone may book on behalf of another staff member, who must exist and not be disabled. */
  private async checkOrganiser(organiserId: string, actor: RoomActor): Promise<string> {
    if (organiserId !== actor.id && !(await this.repo.isActiveUser(organiserId))) throw RoomErrors.organiserNotFound();
    return organiserId;
  }

  /**
   * Locks the room FOR NO KEY UPDATE, then checks what the constraint cannot: the room exists and
   * is active, the headcount fits, the interval obeys the room's rules, no block covers it. The
   * overlap itself is left to the INSERT/UPDATE and its 23P01.
   */
  private async lockAndCheckRoom(slot: Slot, now: Date): Promise<RoomRow> {
    const room = await this.rooms.lockForBooking(slot.roomId);
    this.checkRoom(room, slot, now);
    if (room.high_demand) await this.lotteryPeriod.assertBookable(room.id, slot.startsAt, slot.endsAt, now);
    if (await this.rooms.isBlocked(room.id, slot.startsAt, slot.endsAt)) throw RoomErrors.blocked();
    return room;
  }

  /** What the constraint cannot check: the room exists and is active, its rules accept the interval, the headcount fits. */
  private checkRoom(room: RoomRow | null, slot: Slot, now: Date): asserts room is RoomRow {
    if (!room) throw RoomErrors.roomNotFound();
    if (!room.active) throw RoomErrors.inactive();
    checkRoomBookingWindow(slot.startsAt, slot.endsAt, windowSettings(room), now);
    if (slot.attendees > room.capacity) throw RoomErrors.capacityExceeded(room.capacity);
  }
}

/** The audit snapshot of a booking row (the same shape as bookingSnapshot of the entity). */
function rowSnapshot(r: RoomBookingRow) {
  return {
    roomId: r.room_id,
    title: r.title,
    organiserId: r.organiser_id,
    bookedBy: r.booked_by,
    attendees: r.attendees,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: r.status,
  };
}
