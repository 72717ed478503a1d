import type { AffectedBooking, CarBooking } from '@rr/contracts';
import type { CarBookingEntity } from '@rr/server/persistence';
import type { CarBookingRow } from './car-bookings.repository';

export function toCarBooking(row: CarBookingRow): CarBooking {
  return {
    id: row.id,
    carId: row.car_id,
    plateNumber: row.plate_number,
    carModel: row.car_model,
    classCode: row.class_code,
    className: row.class_name,
    garageName: row.garage_name,
    bay: row.bay,
    poolId: row.pool_id,
    driverId: row.driver_id,
    driverName: row.driver_name,
    bookedById: row.booked_by,
    bookedByName: row.booked_by_name,
    sectionId: row.section_id,
    sectionName: row.section_name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    purpose: row.purpose,
    destination: row.destination,
    passengers: row.passengers,
    outOfPrefecture: row.out_of_prefecture,
    source: row.source,
    roundId: row.round_id,
    priorityReason: row.priority_reason,
    status: row.status,
    needsReassignment: row.needs_reassignment,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toAffectedBooking(row: CarBookingRow, movedFrom: string): AffectedBooking {
  const moved = row.car_id !== movedFrom;
  return {
    bookingId: row.id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    driverId: row.driver_id,
    driverName: row.driver_name,
    sectionName: row.section_name,
    outcome: moved ? 'reassigned' : 'needs_reassignment',
    newCarId: moved ? row.car_id : null,
    newPlateNumber: moved ? row.plate_number : null,
  };
}

/** What the audit log keeps of a booking (before/after). */
export function bookingSnapshot(b: CarBookingEntity) {
  return {
    carId: b.carId,
    driverId: b.driverId,
    bookedBy: b.bookedBy,
    sectionId: b.sectionId,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    purpose: b.purpose,
    destination: b.destination,
    passengers: b.passengers,
    outOfPrefecture: b.outOfPrefecture,
    source: b.source,
    roundId: b.roundId,
    priorityReason: b.priorityReason,
    status: b.status,
    needsReassignment: b.needsReassignment,
  };
}
