import { AppError } from '@rr/domain';
import { PG, pgConstraint, pgErrorCode, ROOM_BOOKING_EXCLUSION } from '@rr/server/persistence';

/** The rooms feature's typed errors (codes and ja/en messages in @rr/contracts ERROR_MESSAGES). */
export const RoomErrors = {
  roomNotFound: () => new AppError('ROOM_NOT_FOUND', 'not_found'),
  blockNotFound: () => new AppError('ROOM_BLOCK_NOT_FOUND', 'not_found'),
  bookingNotFound: () => new AppError('ROOM_BOOKING_NOT_FOUND', 'not_found'),
  organiserNotFound: () => new AppError('ROOM_ORGANISER_NOT_FOUND', 'not_found'),
  duplicate: () => new AppError('ROOM_DUPLICATE', 'conflict'),
  inUse: () => new AppError('ROOM_IN_USE', 'conflict'),
  inactive: () => new AppError('ROOM_INACTIVE', 'conflict'),
  blocked: () => new AppError('ROOM_BLOCKED', 'conflict'),
  conflict: () => new AppError('ROOM_BOOKING_CONFLICT', 'conflict'),
  capacityExceeded: (capacity: number) => new AppError('ROOM_CAPACITY_EXCEEDED', 'validation', { capacity }),
  settingsInvalid: (reason: string) => new AppError('ROOM_SETTINGS_INVALID', 'validation', { reason }),
  notHolder: () => new AppError('ROOM_BOOKING_NOT_HOLDER', 'forbidden'),
  notEditable: () => new AppError('ROOM_BOOKING_NOT_EDITABLE', 'conflict'),
  notCancellable: () => new AppError('ROOM_BOOKING_NOT_CANCELLABLE', 'conflict'),
  busy: () => new AppError('ROOM_BOOKING_BUSY', 'conflict'),
};

/** SQLSTATEs after which the whole transaction may simply be run again (deadlock, serialisation). */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === '40P01' || code === '40001';
}

/** Which referenced row a foreign-key violation on room_bookings / room_blocks / rooms is about. */
function foreignKeyError(constraint: string): AppError {
  switch (constraint) {
    case 'FK_room_bookings_room':
    case 'FK_room_blocks_room':
      return RoomErrors.roomNotFound();
    case 'FK_room_bookings_organiser':
      return RoomErrors.organiserNotFound();
    default:
      // Deleting a room (or user) that bookings still reference.
      return RoomErrors.inUse();
  }
}

/**
 * Translates a failed write: the room exclusion constraint → 409 ROOM_BOOKING_CONFLICT, the unique
 * room name → ROOM_DUPLICATE, a foreign key → the missing or still-referenced row, a deadlock that
 * survived the retries → ROOM_BOOKING_BUSY. Anything else is returned unchanged, to be rethrown.
 */
export function mapRoomWriteError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = pgErrorCode(error);
  const constraint = pgConstraint(error) ?? '';
  if (code === PG.exclusionViolation && constraint === ROOM_BOOKING_EXCLUSION) return RoomErrors.conflict();
  if (code === PG.uniqueViolation && constraint === 'UQ_rooms_building_name') return RoomErrors.duplicate();
  if (code === PG.foreignKeyViolation) return foreignKeyError(constraint);
  if (isRetryableTransactionError(error)) return RoomErrors.busy();
  return error;
}
