import { Inject, Injectable } from '@nestjs/common';
import type { CreateRoomBooking, RoomBooking, UpdateRoomBooking } from '@rr/contracts';
import type { Clock } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { RoomBookingEntity, TransactionHost } from '@rr/server/persistence';
import { RoomActor, currentActor } from './actor';
import { RoomBookingsRepository } from './room-bookings.repository';
import { runRoomTransaction } from './room-transaction';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomErrors } from './rooms.errors';
import { bookingSnapshot, toRoomBooking, windowSettings } from './rooms.mappers';
import { RoomsRepository } from './rooms.repository';
import { checkRoomBookingWindow } from './rules/room-booking-window';

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
    @Inject(ROOMS_CLOCK) private readonly clock: Clock,
  ) {}

  async create(input: CreateRoomBooking): Promise<RoomBooking> {
    const actor = currentActor();
    const now = this.clock.now();
    const slot = { roomId: input.roomId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), attendees: input.attendees };
    const id = await runRoomTransaction(this.tx, async () => {
      const organiserId = await this.checkOrganiser(input.organiserId ?? actor.id, actor);
      await this.lockAndCheckRoom(slot, now);
      const bookingId = await this.repo.insert({ ...slot, title: input.title, organiserId, bookedBy: actor.id, status: 'active' });
      await this.audit.record('room_booking.create', 'room_booking', bookingId, null, bookingSnapshot((await this.repo.findById(bookingId))!));
      return bookingId;
    });
    return toRoomBooking((await this.repo.findView(id))!);
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
      if (slotChanged) await this.lockAndCheckRoom(slot, now);
      await this.repo.update(id, { ...slot, title, organiserId });
      await this.audit.record('room_booking.update', 'room_booking', id, bookingSnapshot(before), bookingSnapshot((await this.repo.findById(id))!));
    });
    return toRoomBooking((await this.repo.findView(id))!);
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
      await this.audit.record('room_booking.cancel', 'room_booking', id, bookingSnapshot(before), bookingSnapshot((await this.repo.findById(id))!));
    });
    return toRoomBooking((await this.repo.findView(id))!);
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
  private async lockAndCheckRoom(slot: Slot, now: Date): Promise<void> {
    const room = await this.rooms.lockForBooking(slot.roomId);
    if (!room) throw RoomErrors.roomNotFound();
    if (!room.active) throw RoomErrors.inactive();
    checkRoomBookingWindow(slot.startsAt, slot.endsAt, windowSettings(room), now);
    if (slot.attendees > room.capacity) throw RoomErrors.capacityExceeded(room.capacity);
    if (await this.rooms.isBlocked(room.id, slot.startsAt, slot.endsAt)) throw RoomErrors.blocked();
  }
}
