import { Module } from '@nestjs/common';
import type { Clock } from '@rr/domain';
import { CalendarModule } from '@rr/server/calendar';
import { NotificationsCoreModule } from '@rr/server/notifications';
import { OrganisationModule } from '@rr/server/organisation';
import { AcAdminController } from './ac-admin.controller';
import { AcApproversService } from './ac-approvers.service';
import { AcCatalogueService } from './ac-catalogue.service';
import { AC_CLOCK } from './ac-clock';
import { AcInstructionsService } from './ac-instructions.service';
import { AcNotifier } from './ac-notifier';
import { AcRemindersService } from './ac-reminders.service';
import { AcReportsService } from './ac-reports.service';
import { AcRequestQueriesService } from './ac-request-queries.service';
import { AcOperationsController, AcRequestsController } from './ac-requests.controller';
import { AcRequestsRepository } from './ac-requests.repository';
import { AcRequestsService } from './ac-requests.service';
import { AcZonesRepository } from './ac-zones.repository';

const PROVIDERS = [
  // One clock object per module instance (not the shared systemClock), so a test can move it.
  { provide: AC_CLOCK, useFactory: (): Clock => ({ now: () => new Date() }) },
  AcZonesRepository,
  AcRequestsRepository,
  AcCatalogueService,
  AcApproversService,
  AcNotifier,
  AcInstructionsService,
  AcRequestQueriesService,
  AcRequestsService,
  AcReportsService,
  AcRemindersService,
];

/** The services without HTTP: what the worker needs (reminders). */
@Module({
  imports: [CalendarModule, NotificationsCoreModule, OrganisationModule],
  providers: PROVIDERS,
  exports: [AcRemindersService, AcCatalogueService, AcInstructionsService, AC_CLOCK],
})
export class AcRequestsCoreModule {}

/** 空調延長 (issue #7): zones and rates, requests, approval route with 代決/後閲, operating instructions, reports. */
@Module({
  imports: [CalendarModule, NotificationsCoreModule, OrganisationModule],
  controllers: [AcAdminController, AcRequestsController, AcOperationsController],
  providers: PROVIDERS,
})
export class AcRequestsModule {}
