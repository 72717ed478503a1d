import { tokyoInstant } from '@rr/domain';
import { DateTime } from 'luxon';
import { SLOT_MINUTES } from './booking-window';

const SLOT_MS = SLOT_MINUTES * 60_000;

export interface TokyoDay {
  date: string;
  startsAt: Date;
  endsAt: Date;
  slotCount: number;
}

/** The Tokyo day [00:00, next 00:00) of a 'YYYY-MM-DD' date. */
export function tokyoDay(date: string): TokyoDay {
  const startsAt = tokyoInstant(date);
  const next = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate() as string;
  const endsAt = tokyoInstant(next);
  return { date, startsAt, endsAt, slotCount: Math.round((endsAt.getTime() - startsAt.getTime()) / SLOT_MS) };
}

/** Slot indices [startSlot, endSlot) of an interval clipped to the day (intervals off the grid widen). */
export function slotsWithinDay(day: TokyoDay, startsAt: Date, endsAt: Date): { startSlot: number; endSlot: number } {
  const from = Math.max(startsAt.getTime(), day.startsAt.getTime());
  const to = Math.min(endsAt.getTime(), day.endsAt.getTime());
  const startSlot = Math.max(0, Math.floor((from - day.startsAt.getTime()) / SLOT_MS));
  const endSlot = Math.min(day.slotCount, Math.ceil((to - day.startsAt.getTime()) / SLOT_MS));
  return { startSlot, endSlot };
}
