import { Module } from '@nestjs/common';
import { systemClock } from '@rr/domain';
import { CalendarModule } from '@rr/server/calendar';
import { NotificationsCoreModule } from '@rr/server/notifications';
import { RoomAcNeedsRepository } from './room-ac-needs.repository';
import { RoomAcNeedsService } from './room-ac-needs.service';
import { RoomBlocksController } from './room-blocks.controller';
import { RoomBookingFastPath } from './room-booking-fast-path';
import { RoomLotteryPeriodCheck } from './room-lottery-period';
import { RoomBlocksRepository } from './room-blocks.repository';
import { RoomBlocksService } from './room-blocks.service';
import { RoomBookingQueriesService } from './room-booking-queries.service';
import { RoomBookingsController, RoomCalendarController } from './room-bookings.controller';
import { RoomBookingsRepository } from './room-bookings.repository';
import { RoomBookingsService } from './room-bookings.service';
import { RoomCheckInService } from './room-check-in.service';
import { CalendarFeedsController, CalendarFeedTokensController, RoomAdminExtrasController, RoomBookingCheckInController, RoomQrCheckInController } from './room-extras.controller';
import { RoomFeedsService } from './room-feeds.service';
import { RoomSeriesController } from './room-series.controller';
import { RoomSeriesRepository } from './room-series.repository';
import { RoomSeriesService } from './room-series.service';
import { RoomSettingsService } from './room-settings.service';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomsController } from './rooms.controller';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';

const SERVICES = [RoomsService, RoomBlocksService, RoomBookingsService, RoomBookingQueriesService, RoomSeriesService, RoomCheckInService, RoomSettingsService, RoomAcNeedsService, RoomFeedsService];

/**
 * The rooms feature without HTTP, for the worker (no-show release) and for other features (the AC
 * feature marks recorded needs as requested through RoomAcNeedsService).
 */
@Module({
  imports: [CalendarModule, NotificationsCoreModule],
  providers: [
    { provide: ROOMS_CLOCK, useValue: systemClock },
    RoomsRepository,
    RoomBlocksRepository,
    RoomBookingsRepository,
    RoomSeriesRepository,
    RoomAcNeedsRepository,
    RoomBookingFastPath,
    RoomLotteryPeriodCheck,
    ...SERVICES,
  ],
  exports: [ROOMS_CLOCK, ...SERVICES],
})
export class RoomsCoreModule {}

/**
 * Meeting spaces (会議室・会議スペース・Web会議ブース): room register, blocks, first-come bookings,
 * free-room search and the day/week calendar (ADR 0012); recurring series, check-in and no-show
 * release, the after-hours AC link and ICS feeds (ADR 0017). Lottery windows for high-demand rooms
 * build on the exported services.
 */
@Module({
  imports: [RoomsCoreModule],
  controllers: [
    RoomsController,
    RoomQrCheckInController,
    RoomBlocksController,
    RoomBookingsController,
    RoomBookingCheckInController,
    RoomCalendarController,
    RoomSeriesController,
    RoomAdminExtrasController,
    CalendarFeedTokensController,
    CalendarFeedsController,
  ],
  exports: [RoomsCoreModule],
})
export class RoomsModule {}
