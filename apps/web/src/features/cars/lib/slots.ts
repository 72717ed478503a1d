import { CAR_SLOT_MINUTES } from '@rr/contracts';
import { addMonths, formatDate, lastDayOfMonth, toTokyoLocalInput } from '../../../shared/time/tokyo';

// The 15-minute grid of the official-car bookings, in Tokyo wall-clock time (UTC+09:00, no DST).

type Lang = 'ja' | 'en';

/** 'HH:mm' → minute of day (24:00 → 1440). */
export function hhmmToMinute(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return h * 60 + m;
}

/** Minute of day → 'HH:mm' (1440 → '24:00'). */
export function minuteToHhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Slot index (0…96) → 'HH:mm' of its start. */
export function slotToHhmm(slot: number): string {
  return minuteToHhmm(slot * CAR_SLOT_MINUTES);
}

/** The instant where `slot` of a Tokyo date begins, as ISO 8601 with +09:00 (slot 96 = next midnight). */
export function slotInstant(date: string, slot: number): string {
  if (slot >= (24 * 60) / CAR_SLOT_MINUTES) {
    const next = new Date(`${date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return `${next.toISOString().slice(0, 10)}T00:00:00+09:00`;
  }
  return `${date}T${slotToHhmm(slot)}:00+09:00`;
}

/** The last Tokyo date a trip may start on: today + n months, clamped to the month's end. */
export function horizonLastDate(today: string, months: number): string {
  const target = addMonths(today.slice(0, 7), months);
  const last = lastDayOfMonth(target);
  const day = today.slice(8, 10);
  return `${target}-${day}` > last ? last : `${target}-${day}`;
}

/** `datetime-local` value ('YYYY-MM-DDTHH:mm') is on the 15-minute grid. */
export function isOnGrid(localValue: string): boolean {
  const minute = Number(localValue.slice(14, 16));
  return Number.isFinite(minute) && minute % CAR_SLOT_MINUTES === 0;
}

/** "HH:mm" of an instant in Tokyo. */
export function tokyoTime(value: string): string {
  return toTokyoLocalInput(value).slice(11, 16);
}

/** "YYYY-MM-DD" of an instant in Tokyo. */
export function tokyoDateOf(value: string): string {
  return toTokyoLocalInput(value).slice(0, 10);
}

/**
 * A trip's span for lists: "2026年5月1日(金) 10:00〜11:00", or both dates when it spans days. An end at
 * midnight reads as 24:00 of the start day.
 */
export function formatTrip(startsAt: string, endsAt: string, lang: Lang): string {
  const startDate = tokyoDateOf(startsAt);
  const endDate = tokyoDateOf(endsAt);
  const startTime = tokyoTime(startsAt);
  let endTime = tokyoTime(endsAt);
  const nextDay = new Date(`${startDate}T00:00:00Z`);
  nextDay.setUTCDate(nextDay.getUTCDate() + 1);
  const sameDay = endDate === startDate || (endTime === '00:00' && endDate === nextDay.toISOString().slice(0, 10));
  if (sameDay) {
    if (endDate !== startDate) endTime = '24:00';
    return `${formatDate(startDate, lang)} ${startTime}〜${endTime}`;
  }
  return `${formatDate(startDate, lang)} ${startTime}〜${formatDate(endDate, lang)} ${endTime}`;
}

/** 'YYYY-MM-DDTHH:mm' values every 15 minutes between two minutes of a day (for selects). */
export function quarterHours(fromMinute: number, untilMinute: number): string[] {
  const out: string[] = [];
  for (let m = fromMinute; m <= untilMinute; m += CAR_SLOT_MINUTES) out.push(minuteToHhmm(m));
  return out;
}
