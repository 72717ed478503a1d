import { Inject, Injectable } from '@nestjs/common';
import type { MyRoomBookingsQuery, RoomBooking, RoomCalendar, RoomCalendarQuery } from '@rr/contracts';
import { Clock, tokyoInstant } from '@rr/domain';
import { currentActor } from './actor';
import { RoomBlocksRepository } from './room-blocks.repository';
import { RoomBookingsRepository } from './room-bookings.repository';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomErrors } from './rooms.errors';
import { toRoom, toRoomBlock, toRoomBooking } from './rooms.mappers';
import { RoomSettingsService } from './room-settings.service';
import { RoomsRepository } from './rooms.repository';
import { datePlus, tokyoDayAfter } from './rules/tokyo-days';

/** Reading bookings: one's own, one by id (holder or administrator), and the day/week calendar. */
@Injectable()
export class RoomBookingQueriesService {
  constructor(
    private readonly repo: RoomBookingsRepository,
    private readonly rooms: RoomsRepository,
    private readonly blocks: RoomBlocksRepository,
    private readonly settings: RoomSettingsService,
    @Inject(ROOMS_CLOCK) private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<RoomBooking> {
    const actor = currentActor();
    const row = await this.repo.findView(id);
    if (!row) throw RoomErrors.bookingNotFound();
    if (row.organiser_id !== actor.id && row.booked_by !== actor.id && !actor.isAdmin) throw RoomErrors.notHolder();
    return toRoomBooking(row, await this.settings.get());
  }

  /** Bookings the caller organises or booked for someone; by default the active ones not yet ended. */
  async mine(query: MyRoomBookingsQuery): Promise<RoomBooking[]> {
    const actor = currentActor();
    const ranged = query.from !== undefined || query.to !== undefined;
    const rows = await this.repo.list({
      holderId: actor.id,
      activeOnly: !query.includeInactive,
      ...(ranged
        ? { from: query.from ? tokyoInstant(query.from) : new Date('2000-01-01T00:00:00Z'), to: query.to ? tokyoDayAfter(query.to) : new Date('2100-01-01T00:00:00Z') }
        : { endsAfter: this.clock.now() }),
      limit: 500,
    });
    const settings = await this.settings.get();
    return rows.map((r) => toRoomBooking(r, settings));
  }

  /**
   * 空き状況: one room, or every active room of a floor, with its active bookings and blocks over
   * `days` Tokyo days from `date`. Titles and organisers are visible to all staff (as on the paper
   * booking sheet by the door).
   */
  async calendar(query: RoomCalendarQuery): Promise<RoomCalendar> {
    const from = tokyoInstant(query.date);
    const to = tokyoDayAfter(datePlus(query.date, query.days - 1));
    let rooms;
    if (query.roomId) {
      const room = await this.rooms.findRow(query.roomId);
      if (!room) throw RoomErrors.roomNotFound();
      rooms = [room];
    } else {
      rooms = await this.rooms.list({ building: query.building, floor: query.floor });
    }
    const roomIds = rooms.map((r) => r.id);
    const [bookings, blocks, settings] = await Promise.all([
      this.repo.list({ roomIds, activeOnly: true, from, to }),
      this.blocks.list({ roomIds, from, to }),
      this.settings.get(),
    ]);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      rooms: rooms.map((room) => ({
        room: toRoom(room),
        bookings: bookings.filter((b) => b.room_id === room.id).map((b) => toRoomBooking(b, settings)),
        blocks: blocks.filter((k) => k.room_id === room.id).map(toRoomBlock),
      })),
    };
  }
}
