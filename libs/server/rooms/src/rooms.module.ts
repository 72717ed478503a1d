import { Module } from '@nestjs/common';
import { systemClock } from '@rr/domain';
import { RoomBlocksController } from './room-blocks.controller';
import { RoomBlocksRepository } from './room-blocks.repository';
import { RoomBlocksService } from './room-blocks.service';
import { RoomBookingQueriesService } from './room-booking-queries.service';
import { RoomBookingsController, RoomCalendarController } from './room-bookings.controller';
import { RoomBookingsRepository } from './room-bookings.repository';
import { RoomBookingsService } from './room-bookings.service';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomsController } from './rooms.controller';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';

/**
 * Meeting spaces (会議室・会議スペース・Web会議ブース): room register, blocks, first-come bookings,
 * free-room search and the day/week calendar. Lottery windows for high-demand rooms, check-in and
 * the AC-extension offer build on the exported services (ADR 0012).
 */
@Module({
  controllers: [RoomsController, RoomBlocksController, RoomBookingsController, RoomCalendarController],
  providers: [
    { provide: ROOMS_CLOCK, useValue: systemClock },
    RoomsRepository,
    RoomBlocksRepository,
    RoomBookingsRepository,
    RoomsService,
    RoomBlocksService,
    RoomBookingsService,
    RoomBookingQueriesService,
  ],
  exports: [RoomsService, RoomBookingsService, RoomBookingQueriesService],
})
export class RoomsModule {}
