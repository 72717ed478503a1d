import type { Room, RoomBlock, RoomBooking, RoomEquipment } from '@rr/contracts';
import type { RoomBookingEntity } from '@rr/server/persistence';
import type { RoomBlockRow } from './room-blocks.repository';
import type { RoomBookingRow } from './room-bookings.repository';
import type { RoomRow, RoomValues } from './rooms.repository';
import { AcNeed, acRequestLink } from './rules/ac-need';
import { CheckInSettings, checkInWindow } from './rules/check-in-window';
import { minuteToHhmm } from './rules/minutes';

/** room_settings' column defaults (migration 8000). */
export const DEFAULT_CHECK_IN: CheckInSettings = { checkInOpensMinutes: 10, releaseAfterMinutes: 15 };
import type { RoomWindowSettings } from './rules/room-booking-window';

/** Equipment flags in contract order. */
export function equipmentOf(row: Pick<RoomRow, 'has_monitor' | 'has_camera' | 'has_microphone' | 'has_web_meeting'>): RoomEquipment[] {
  const list: RoomEquipment[] = [];
  if (row.has_monitor) list.push('monitor');
  if (row.has_camera) list.push('camera');
  if (row.has_microphone) list.push('microphone');
  if (row.has_web_meeting) list.push('web_meeting');
  return list;
}

export function equipmentColumns(equipment: readonly RoomEquipment[]): Pick<RoomValues, 'hasMonitor' | 'hasCamera' | 'hasMicrophone' | 'hasWebMeeting'> {
  return {
    hasMonitor: equipment.includes('monitor'),
    hasCamera: equipment.includes('camera'),
    hasMicrophone: equipment.includes('microphone'),
    hasWebMeeting: equipment.includes('web_meeting'),
  };
}

export function windowSettings(row: RoomRow): RoomWindowSettings {
  return {
    bookableFromMinute: row.bookable_from_minute,
    bookableUntilMinute: row.bookable_until_minute,
    maxDurationMinutes: row.max_duration_minutes,
    horizonMonths: row.horizon_months,
  };
}

export function toRoom(row: RoomRow): Room {
  return {
    id: row.id,
    building: row.building,
    floor: row.floor,
    zoneCode: row.zone_code,
    type: row.type,
    name: row.name,
    capacity: row.capacity,
    equipment: equipmentOf(row),
    bookableFrom: minuteToHhmm(row.bookable_from_minute),
    bookableUntil: minuteToHhmm(row.bookable_until_minute),
    maxDurationMinutes: row.max_duration_minutes,
    horizonMonths: row.horizon_months,
    highDemand: row.high_demand,
    notes: row.notes,
    active: row.active,
  };
}

/** What the audit log keeps of a room (before/after): the contract view minus the id. */
export function roomSnapshot(row: RoomRow) {
  const { id: _id, ...rest } = toRoom(row);
  return rest;
}

export function toRoomBlock(row: RoomBlockRow): RoomBlock {
  return {
    id: row.id,
    roomId: row.room_id,
    roomName: row.room_name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * The API view of a booking. `checkIn` needs the current settings (the window is derived, not
 * stored); callers without them get the defaults (10 min before, 15 min after).
 */
export function toRoomBooking(row: RoomBookingRow, settings: CheckInSettings = DEFAULT_CHECK_IN): RoomBooking {
  const window = row.check_in_required ? checkInWindow(row.starts_at, settings) : null;
  const need: AcNeed | null =
    row.ac_date !== null && row.ac_start_minute !== null && row.ac_end_minute !== null ? { date: row.ac_date, startMinute: row.ac_start_minute, endMinute: row.ac_end_minute } : null;
  return {
    id: row.id,
    roomId: row.room_id,
    roomName: row.room_name,
    building: row.building,
    floor: row.floor,
    title: row.title,
    organiserId: row.organiser_id,
    organiserName: row.organiser_name,
    bookedById: row.booked_by,
    bookedByName: row.booked_by_name,
    attendees: row.attendees,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    seriesId: row.series_id,
    occurrenceDate: row.occurrence_date,
    checkedInAt: row.checked_in_at ? row.checked_in_at.toISOString() : null,
    checkIn: window ? { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() } : null,
    acExtensionNeeded: row.ac_extension_needed,
    acExtension:
      need && row.ac_status
        ? {
            zoneCode: row.zone_code,
            date: need.date,
            start: minuteToHhmm(need.startMinute),
            end: minuteToHhmm(need.endMinute),
            status: row.ac_status,
            link: acRequestLink(row.zone_code, need),
          }
        : null,
  };
}

/** What the audit log keeps of a booking (before/after). */
export function bookingSnapshot(b: RoomBookingEntity) {
  return {
    roomId: b.roomId,
    title: b.title,
    organiserId: b.organiserId,
    bookedBy: b.bookedBy,
    attendees: b.attendees,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    status: b.status,
  };
}
