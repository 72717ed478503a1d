import { Module } from '@nestjs/common';
import { BusinessCalendarService } from './business-calendar.service';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { ClosedDaysRepository } from './closed-days.repository';

/** Business calendar: extra closed days and the day view. Import it to inject BusinessCalendarService. */
@Module({
  controllers: [CalendarController],
  providers: [ClosedDaysRepository, BusinessCalendarService, CalendarService],
  exports: [BusinessCalendarService],
})
export class CalendarModule {}
