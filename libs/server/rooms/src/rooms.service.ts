import { Inject, Injectable } from '@nestjs/common';
import type { CreateRoom, FreeRoomsQuery, Room, RoomsQuery, UpdateRoom } from '@rr/contracts';
import type { Clock } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { runRoomTransaction } from './room-transaction';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomErrors } from './rooms.errors';
import { equipmentColumns, roomSnapshot, toRoom, windowSettings } from './rooms.mappers';
import { RoomRow, RoomsRepository, RoomValues } from './rooms.repository';
import { hhmmToMinute } from './rules/minutes';
import { checkRoomInterval, roomAccepts } from './rules/room-booking-window';

/** Contract fields → columns, only for the fields present (a PATCH keeps the others). */
function toValues(input: Partial<CreateRoom>): Partial<RoomValues> {
  const values: Partial<RoomValues> = {};
  if (input.building !== undefined) values.building = input.building;
  if (input.floor !== undefined) values.floor = input.floor;
  if (input.zoneCode !== undefined) values.zoneCode = input.zoneCode;
  if (input.type !== undefined) values.type = input.type;
  if (input.name !== undefined) values.name = input.name;
  if (input.capacity !== undefined) values.capacity = input.capacity;
  if (input.equipment !== undefined) Object.assign(values, equipmentColumns(input.equipment));
  if (input.bookableFrom !== undefined) values.bookableFromMinute = hhmmToMinute(input.bookableFrom);
  if (input.bookableUntil !== undefined) values.bookableUntilMinute = hhmmToMinute(input.bookableUntil);
  if (input.maxDurationMinutes !== undefined) values.maxDurationMinutes = input.maxDurationMinutes;
  if (input.horizonMonths !== undefined) values.horizonMonths = input.horizonMonths;
  if (input.highDemand !== undefined) values.highDemand = input.highDemand;
  if (input.notes !== undefined) values.notes = input.notes;
  if (input.active !== undefined) values.active = input.active;
  return values;
}

/** The hours must lie on the 15-minute grid and open before they close (checked before the CHECK constraint would answer 500). */
function checkHours(from: number, until: number): void {
  if (from % 15 !== 0 || until % 15 !== 0) throw RoomErrors.settingsInvalid('bookable hours must be on the 15-minute grid');
  if (from >= until) throw RoomErrors.settingsInvalid('bookableFrom must be before bookableUntil');
}

/**
 * The room register (会議室・会議スペース・Web会議ブース) and the free-room search. A room with
 * bookings is deactivated, not deleted (history and the audit log keep pointing at it).
 */
@Injectable()
export class RoomsService {
  constructor(
    private readonly repo: RoomsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(ROOMS_CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: RoomsQuery): Promise<Room[]> {
    return (await this.repo.list(query)).map(toRoom);
  }

  async get(id: string): Promise<Room> {
    const row = await this.repo.findRow(id);
    if (!row) throw RoomErrors.roomNotFound();
    return toRoom(row);
  }

  async create(input: CreateRoom): Promise<Room> {
    const values = toValues(input) as RoomValues;
    checkHours(values.bookableFromMinute, values.bookableUntilMinute);
    return runRoomTransaction(this.tx, async () => {
      const id = await this.repo.insert(values);
      const created = (await this.repo.findRow(id))!;
      await this.audit.record('room.create', 'room', id, null, roomSnapshot(created));
      return toRoom(created);
    });
  }

  /** Takes the room FOR UPDATE, so no booking of the room is in flight while its rules change. */
  async update(id: string, patch: Partial<UpdateRoom>): Promise<Room> {
    return runRoomTransaction(this.tx, async () => {
      const before = await this.repo.lockForChange(id);
      if (!before) throw RoomErrors.roomNotFound();
      const values = toValues(patch);
      if (Object.keys(values).length === 0) return toRoom(before);
      checkHours(values.bookableFromMinute ?? before.bookable_from_minute, values.bookableUntilMinute ?? before.bookable_until_minute);
      await this.repo.update(id, values);
      await this.repo.touch(id);
      const after = (await this.repo.findRow(id))!;
      await this.audit.record('room.update', 'room', id, roomSnapshot(before), roomSnapshot(after));
      return toRoom(after);
    });
  }

  /** Only a room that was never booked; otherwise 409 ROOM_IN_USE (deactivate it instead). */
  async remove(id: string): Promise<void> {
    await runRoomTransaction(this.tx, async () => {
      const before = await this.repo.lockForChange(id);
      if (!before) throw RoomErrors.roomNotFound();
      if (await this.repo.hasBookings(id)) throw RoomErrors.inUse();
      await this.repo.delete(id);
      await this.audit.record('room.delete', 'room', id, roomSnapshot(before), null);
    });
  }

  /**
   * 空き会議室検索: active rooms free over the whole range that would also accept it under their
   * own rules (hours, longest booking, horizon), smallest sufficient capacity first, then name.
   */
  async free(query: FreeRoomsQuery): Promise<Room[]> {
    const startsAt = new Date(query.startsAt);
    const endsAt = new Date(query.endsAt);
    checkRoomInterval(startsAt, endsAt);
    const now = this.clock.now();
    const rows: RoomRow[] = await this.repo.free({
      startsAt,
      endsAt,
      minCapacity: query.minCapacity,
      equipment: query.equipment ?? [],
      building: query.building,
      floor: query.floor,
      type: query.type,
    });
    return rows.filter((r) => roomAccepts(startsAt, endsAt, windowSettings(r), now)).map(toRoom);
  }
}
