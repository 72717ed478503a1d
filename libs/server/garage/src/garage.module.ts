import { Module } from '@nestjs/common';
import { systemClock } from '@rr/domain';
import { CarLotteryCoreModule } from '@rr/server/car-lottery';
import { CarsModule } from '@rr/server/cars';
import { NotificationsCoreModule } from '@rr/server/notifications';
import { AlcoholChecksService } from './alcohol-checks.service';
import { CounterService } from './counter.service';
import { DamageService } from './damage.service';
import { DetectorsService } from './detectors.service';
import { DetectorsController, GarageCounterController, GarageRecordsController } from './garage.controller';
import { GARAGE_CLOCK } from './garage.clock';
import { GarageRepository } from './garage.repository';
import { GarageSettingsService } from './garage-settings.service';
import { RecordsService } from './records.service';
import { GarageSweepService } from './sweep.service';
import { LateReturnService } from './late-return.service';

/** The worker's part: settings, records repository and the sweeps (no-shows, late returns, detector reminders). */
@Module({
  imports: [NotificationsCoreModule, CarLotteryCoreModule],
  providers: [{ provide: GARAGE_CLOCK, useValue: systemClock }, GarageRepository, GarageSettingsService, GarageSweepService],
  exports: [GARAGE_CLOCK, GarageRepository, GarageSettingsService, GarageSweepService],
})
export class GarageCoreModule {}

/** 車庫窓口 (issue #5, ADR 0013): key handover with alcohol checks, driving log, detector register, no-shows, damage. */
@Module({
  imports: [GarageCoreModule, CarsModule, NotificationsCoreModule],
  controllers: [GarageCounterController, DetectorsController, GarageRecordsController],
  providers: [DetectorsService, AlcoholChecksService, CounterService, DamageService, RecordsService, LateReturnService],
  exports: [GarageCoreModule],
})
export class GarageModule {}
