// 空調延長: zones and rates, requests with live cost, approval route with 代決/後閲, operating instructions, reports.
export * from './ac-requests.module';
export { AcRemindersService } from './ac-reminders.service';
export { AC_CLOCK } from './ac-clock';
