import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, TOKYO, tokyoDate } from '@rr/domain';
import { driverEligibility } from '@rr/server/cars';
import { NotificationsService } from '@rr/server/notifications';
import { CarBookingSettingsEntity, TransactionHost } from '@rr/server/persistence';
import { DateTime } from 'luxon';

/** Injection token of the clock the licence reminders read "now" from (tests pass `now` directly). */
export const LICENCE_REMINDERS_CLOCK = Symbol('LICENCE_REMINDERS_CLOCK');

interface DueDriverRow {
  user_id: string;
  display_name: string;
  is_active: boolean;
  approved: boolean;
  licence_expires_on: string;
}

export interface LicenceReminderOutcome {
  /** Drivers whose licence is within the warning window now. */
  drivers: number;
  /** Notifications written by this run (0 when an earlier or concurrent run wrote them). */
  notifications: number;
}

/**
 * Licence-expiry warnings (公用車の運転者): an approved, active driver whose licence is still valid
 * but expires within the car settings' `expiryWarningDays` (the setting the eligibility rule and the
 * web's driver banner use; Tokyo dates) is told once, and so is every garage administrator.
 *
 * "Once" is the notification dedupe key `licence-expiring:<driver>:<expiry date>`, unique per
 * recipient in PostgreSQL: two replicas scanning at the same moment, a retried job or the next
 * hour's run write nothing twice, while a renewed licence (a new expiry date) warns again when it
 * nears its own expiry. Each driver's notifications are written in one transaction.
 */
@Injectable()
export class LicenceRemindersService {
  private readonly logger = new Logger('LicenceReminders');

  constructor(
    private readonly tx: TransactionHost,
    private readonly notifications: NotificationsService,
    @Inject(LICENCE_REMINDERS_CLOCK) private readonly clock: Clock,
  ) {}

  static dedupeKey(driverId: string, licenceExpiresOn: string): string {
    return `licence-expiring:${driverId}:${licenceExpiresOn}`;
  }

  async scan(now: Date = this.clock.now()): Promise<LicenceReminderOutcome> {
    const settings = await this.tx.manager.findOneOrFail(CarBookingSettingsEntity, { where: { id: 1 } });
    const warningDays = settings.expiryWarningDays;
    const today = tokyoDate(now);
    const warnUntil = DateTime.fromJSDate(now, { zone: TOKYO }).startOf('day').plus({ days: warningDays }).toISODate() as string;
    // Narrowed in SQL, decided by the same pure rule as the driver banner (so both always agree).
    const candidates: DueDriverRow[] = await this.tx.manager.query(
      `SELECT d.user_id, u.display_name, u.is_active, d.approved, d.licence_expires_on::text AS licence_expires_on
         FROM drivers d JOIN users u ON u.id = d.user_id
        WHERE d.approved AND u.is_active AND d.licence_expires_on BETWEEN $1::date AND $2::date
        ORDER BY d.licence_expires_on, d.user_id`,
      [today, warnUntil],
    );
    const due = candidates
      .map((r) => ({ row: r, e: driverEligibility({ approved: r.approved, active: r.is_active, licenceExpiresOn: r.licence_expires_on }, now, now, warningDays) }))
      .filter(({ e }) => e.eligible && e.warning === 'licence_expiring' && e.daysUntilExpiry !== null);
    if (due.length === 0) return { drivers: 0, notifications: 0 };

    const admins: Array<{ id: string }> = await this.tx.manager.query(`SELECT id FROM users WHERE is_active AND 'garage_admin' = ANY(roles) ORDER BY id`);
    let notifications = 0;
    let failed = 0;
    for (const { row, e } of due) {
      const base = { driverId: row.user_id, driverName: row.display_name, licenceExpiresOn: row.licence_expires_on, daysLeft: e.daysUntilExpiry as number };
      const dedupeKey = LicenceRemindersService.dedupeKey(row.user_id, row.licence_expires_on);
      try {
        notifications += await this.tx.run(async () => {
          const own = await this.notifications.notify(row.user_id, 'driver.licence_expiring', { ...base, audience: 'driver' }, { dedupeKey });
          const adminIds = admins.map((a) => a.id).filter((id) => id !== row.user_id);
          const forAdmins = await this.notifications.notify(adminIds, 'driver.licence_expiring', { ...base, audience: 'admin' }, { dedupeKey });
          return own.notificationIds.length + forAdmins.notificationIds.length;
        });
      } catch (err) {
        // One bad row must not hold up the other drivers' warnings; the job fails afterwards and is retried.
        failed++;
        this.logger.error(`licence reminder for driver ${row.user_id} failed: ${(err as Error).message}`);
      }
    }
    if (failed > 0) throw new Error(`licence reminders failed for ${failed} of ${due.length} driver(s)`);
    return { drivers: due.length, notifications };
  }
}
