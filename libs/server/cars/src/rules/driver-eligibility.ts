import { tokyoDate, TOKYO } from '@rr/domain';
import { DateTime } from 'luxon';

// Pure rules (no Nest, no I/O): who may drive an official car, and when to warn. Kept here rather
// than in libs/domain while the cars feature is the only user; the key handover will reuse them
// through this library's index.

export type DriverIneligibleReason = 'not_registered' | 'inactive' | 'not_approved' | 'licence_expired';

/** The facts the rule needs about a registered driver. */
export interface DriverFacts {
  /** 公用車運転許可 granted by a garage administrator. */
  approved: boolean;
  /** Last Tokyo date on which the licence is valid ('YYYY-MM-DD'). */
  licenceExpiresOn: string;
  /** The staff account is active (a disabled account drives nothing). Defaults to true. */
  active?: boolean;
}

export interface DriverEligibility {
  eligible: boolean;
  reasons: DriverIneligibleReason[];
  warning: 'licence_expiring' | null;
  /** Whole days from `now`'s Tokyo date to the expiry date; negative once expired. */
  daysUntilExpiry: number | null;
}

/** Days from one ISO date to another (b − a), calendar days, no time zone games. */
export function daysBetween(a: string, b: string): number {
  return Math.round(DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days);
}

/**
 * The last Tokyo date a trip [startsAt, endsAt) touches. A trip ending at 00:00 Tokyo ends on the
 * previous date: the interval is half-open, so its last instant is just before midnight.
 */
export function lastTokyoDateOf(endsAt: Date): string {
  return tokyoDate(new Date(endsAt.getTime() - 1));
}

/**
 * Eligibility at instant `at`: registered, active, approved, and the licence valid on the Tokyo
 * date of `at` (valid through its expiry date). The warning is about `now`: the licence is still
 * valid today but expires within `warningDays` days, so the driver should renew and re-register.
 */
export function driverEligibility(driver: DriverFacts | null, at: Date, now: Date, warningDays: number): DriverEligibility {
  if (!driver) return { eligible: false, reasons: ['not_registered'], warning: null, daysUntilExpiry: null };
  const reasons: DriverIneligibleReason[] = [];
  if (driver.active === false) reasons.push('inactive');
  if (!driver.approved) reasons.push('not_approved');
  if (driver.licenceExpiresOn < tokyoDate(at)) reasons.push('licence_expired');
  const daysUntilExpiry = daysBetween(tokyoDate(now), driver.licenceExpiresOn);
  const warning = daysUntilExpiry >= 0 && daysUntilExpiry <= warningDays ? 'licence_expiring' : null;
  return { eligible: reasons.length === 0, reasons, warning, daysUntilExpiry };
}

/** Eligibility over a whole trip: the licence must still be valid on the trip's last Tokyo date. */
export function driverEligibilityForTrip(driver: DriverFacts | null, trip: { endsAt: Date }, now: Date, warningDays: number): DriverEligibility {
  const lastInstant = new Date(trip.endsAt.getTime() - 1);
  return driverEligibility(driver, lastInstant, now, warningDays);
}

/** The Tokyo date `days` days after `now`'s Tokyo date (for "expiring within N days" queries). */
export function tokyoDatePlusDays(now: Date, days: number): string {
  return DateTime.fromJSDate(now, { zone: TOKYO }).startOf('day').plus({ days }).toISODate() as string;
}

/** `********1234`: licence numbers are personal data; lists show the last four digits only. */
export function maskLicenceNumber(value: string | null): string | null {
  if (!value) return null;
  return `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;
}
