import { Module } from '@nestjs/common';
import { systemClock } from '@rr/domain';
import { NotificationsCoreModule } from '@rr/server/notifications';
import { LicenceRemindersHandler } from './licence-reminders.handler';
import { LICENCE_REMINDERS_CLOCK, LicenceRemindersService } from './licence-reminders.service';

/** The worker's side of official cars: licence-expiry warnings (no controllers, no CarsModule). */
@Module({
  imports: [NotificationsCoreModule],
  providers: [{ provide: LICENCE_REMINDERS_CLOCK, useValue: systemClock }, LicenceRemindersService, LicenceRemindersHandler],
  exports: [LicenceRemindersService],
})
export class CarsWorkerModule {}
