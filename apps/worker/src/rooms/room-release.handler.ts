import { Injectable, Logger } from '@nestjs/common';
import { ReleaseOutcome, RoomCheckInService } from '@rr/server/rooms';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';

/**
 * `room.release-no-shows` (repeatable, fixed scheduler id, every minute): active bookings not
 * checked in by start + the release setting become `released`, the organiser is notified and the
 * no-show is counted (ADR 0017). Two workers running it at once split the rows; none twice.
 */
@Injectable()
@JobHandler('room.release-no-shows')
export class RoomReleaseHandler implements JobHandlerInstance<'room.release-no-shows'> {
  private readonly logger = new Logger('RoomRelease');

  constructor(private readonly checkIns: RoomCheckInService) {}

  async handle(): Promise<ReleaseOutcome> {
    const outcome = await this.checkIns.releaseDue();
    if (outcome.released.length) this.logger.log(`released ${outcome.released.length} room booking(s) without check-in`);
    return outcome;
  }
}
