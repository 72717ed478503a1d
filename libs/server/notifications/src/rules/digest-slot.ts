import { BusinessCalendar, tokyoDate, tokyoInstant } from '@rr/domain';

/**
 * The next digest time strictly after `at`: `time` (Asia/Tokyo) on a business day. Approvers do
 * not get a digest on a closed day; what collects over a weekend goes out on the next business day.
 */
export function nextDigestAt(at: Date, time: string, calendar: BusinessCalendar): Date {
  const today = tokyoDate(at);
  if (calendar.isBusinessDay(today)) {
    const slot = tokyoInstant(today, time);
    if (slot.getTime() > at.getTime()) return slot;
  }
  return tokyoInstant(calendar.nextBusinessDay(today), time);
}
