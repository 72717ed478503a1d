// Calendar feature: extra closed days (臨時閉庁日) and BusinessCalendarService for deadlines.
export { CalendarModule } from './calendar.module';
export { BusinessCalendarService } from './business-calendar.service';
