import { Module } from '@nestjs/common';
import { RoomsCoreModule } from '@rr/server/rooms';
import { RoomReleaseHandler } from './room-release.handler';

/** The worker's side of meeting rooms: the no-show release (ADR 0017). */
@Module({
  imports: [RoomsCoreModule],
  providers: [RoomReleaseHandler],
})
export class RoomsWorkerModule {}
