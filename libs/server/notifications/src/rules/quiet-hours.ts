import { TOKYO } from '@rr/domain';
import { DateTime } from 'luxon';

export interface QuietWindow {
  /** Tokyo wall clock 'HH:mm'. */
  start: string;
  end: string;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * When e-mail held for quiet hours may go: the end of the quiet window `at` falls in (Asia/Tokyo,
 * the window may cross midnight, e.g. 22:00–07:00), or null when `at` is outside it. The start is
 * inclusive and the end exclusive.
 */
export function quietHoursEnd(at: Date, quiet: QuietWindow | null): Date | null {
  if (!quiet) return null;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return null;
  const local = DateTime.fromJSDate(at, { zone: TOKYO });
  const now = local.hour * 60 + local.minute;
  const endOn = (day: DateTime) => day.startOf('day').plus({ minutes: end }).toJSDate();
  if (start < end) return now >= start && now < end ? endOn(local) : null;
  if (now >= start) return endOn(local.plus({ days: 1 }));
  if (now < end) return endOn(local);
  return null;
}
