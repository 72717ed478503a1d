import { Module } from '@nestjs/common';
import { systemClock } from '@rr/domain';
import { NotificationsCoreModule } from '@rr/server/notifications';
import { CarAvailabilityService } from './car-availability.service';
import { CarBlocksController } from './car-blocks.controller';
import { CarBlocksRepository } from './car-blocks.repository';
import { CarBlocksService } from './car-blocks.service';
import { CarBookingPolicies } from './car-booking-policy';
import { CarBookingQueriesService } from './car-booking-queries.service';
import { CarAvailabilityController, CarBookingsController } from './car-bookings.controller';
import { CarBookingsRepository } from './car-bookings.repository';
import { CarBookingsService } from './car-bookings.service';
import { CarPlacement } from './car-placement';
import { CarSettingsController } from './car-settings.controller';
import { CarSettingsRepository } from './car-settings.repository';
import { CARS_CLOCK, CarSettingsService } from './car-settings.service';
import { CarsController } from './cars.controller';
import { CarsRepository } from './cars.repository';
import { CarsService } from './cars.service';
import { DriversController } from './drivers.controller';
import { DriversRepository } from './drivers.repository';
import { DriversService } from './drivers.service';
import { CarClassesController, CarPoolsController, GaragesController } from './fleet.controller';
import { FleetRepository } from './fleet.repository';
import { FleetService } from './fleet.service';

/**
 * Official cars (公用車): fleet register, driver register, maintenance blocks, first-come bookings
 * and the availability grid. The lottery builds on the exported services and registers its
 * first-come window rule with CarBookingPolicies.
 */
@Module({
  imports: [NotificationsCoreModule],
  controllers: [
    CarClassesController,
    GaragesController,
    CarPoolsController,
    CarsController,
    CarBlocksController,
    DriversController,
    CarBookingsController,
    CarAvailabilityController,
    CarSettingsController,
  ],
  providers: [
    { provide: CARS_CLOCK, useValue: systemClock },
    FleetRepository,
    CarsRepository,
    CarBlocksRepository,
    DriversRepository,
    CarBookingsRepository,
    CarSettingsRepository,
    CarBookingPolicies,
    CarPlacement,
    FleetService,
    CarsService,
    CarBlocksService,
    DriversService,
    CarSettingsService,
    CarBookingsService,
    CarBookingQueriesService,
    CarAvailabilityService,
  ],
  exports: [CarBookingPolicies, CarBookingsService, CarBookingQueriesService, DriversService, CarSettingsService, CarsService, FleetService, CarBlocksService],
})
export class CarsModule {}
