import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@rr/domain';
import { isNoShow, tokyoDate } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { LotteryStreaksService } from '@rr/server/car-lottery';
import { NotificationsService } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { GARAGE_CLOCK } from './garage.clock';
import { GarageRepository } from './garage.repository';
import { usabilityOf } from './garage.mappers';
import { runGarageTransaction } from './garage-transaction';
import { LATE_RETURN_LOOKAHEAD_MINUTES } from './late-return.service';

export interface SweepOutcome {
  released: string[];
  lateWarnings: number;
}


/**
 * The worker's side of the counter. Each booking is released in its own transaction under a row
 * lock, re-checked after the lock: two replicas running the sweep at once release it exactly once
 * (the second finds it no longer `confirmed`). Notifications carry dedupe keys, so warnings and
 * reminders are sent once however often the sweep runs.
 */
@Injectable()
export class GarageSweepService {
  private readonly logger = new Logger('GarageSweep');

  constructor(
    private readonly repo: GarageRepository,
    private readonly streaks: LotteryStreaksService,
    private readonly notifications: NotificationsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(GARAGE_CLOCK) readonly clock: Clock,
  ) {}

  async sweep(now = this.clock.now()): Promise<SweepOutcome> {
    const released = await this.releaseNoShows(now);
    const lateWarnings = await this.warnLateReturns(now);
    return { released, lateWarnings };
  }

  /** 無断キャンセル: releases each due booking once; resets the lottery streak of a won booking; notifies the holder. */
  async releaseNoShows(now: Date): Promise<string[]> {
    const { no_show_minutes: minutes } = await this.repo.settings();
    const released: string[] = [];
    for (const id of await this.repo.noShowCandidates(now, minutes)) {
      const done = await runGarageTransaction(this.tx, async () => {
        const b = await this.repo.lockBooking(id);
        if (!b) return false;
        const checkedOut = (await this.repo.handover(id, 'check_out')) !== null;
        if (!isNoShow({ status: b.status, startsAt: b.starts_at, checkedOut }, now, minutes)) return false;
        // The driver came and was found not fit: the garage handles it, this is no no-show.
        if (await this.repo.hasPreCheck(id)) return false;
        if (!(await this.repo.setBookingStatus(id, ['confirmed'], 'no_show', now))) return false;
        let streaksReset = 0;
        if (b.source === 'lottery' || b.source === 'waitlist') streaksReset = await this.streaks.resetAfterNoShow(b.pool_id, [b.driver_id, b.booked_by]);
        await this.audit.record('car_booking.no_show', 'car_booking', id, { status: 'confirmed' }, { status: 'no_show', noShowMinutes: minutes, streaksReset });
        await this.notifications.notify(
          [b.driver_id, b.booked_by],
          'garage.no_show',
          { bookingId: id, plateNumber: b.plate_number, startsAt: b.starts_at.toISOString(), endsAt: b.ends_at.toISOString(), noShowMinutes: minutes },
          { dedupeKey: `no-show:${id}` },
        );
        return true;
      });
      if (done) released.push(id);
    }
    if (released.length) this.logger.log(`released ${released.length} no-show booking(s)`);
    return released;
  }

  /** Warns the next holder of a car that is late back, offering a free car of the same class when there is one. */
  async warnLateReturns(now: Date): Promise<number> {
    const { late_return_grace_minutes: grace } = await this.repo.settings();
    let sent = 0;
    for (const { late_id, next_id } of await this.repo.lateReturns(now, grace, LATE_RETURN_LOOKAHEAD_MINUTES)) {
      sent += await runGarageTransaction(this.tx, async () => {
        const next = await this.repo.booking(next_id);
        if (!next || !['provisional', 'confirmed'].includes(next.status)) return 0;
        const alternative = await this.repo.freeSameClassCar(next);
        const result = await this.notifications.notify(
          [...new Set([next.driver_id, next.booked_by])],
          'garage.late_return',
          {
            bookingId: next.id,
            lateBookingId: late_id,
            plateNumber: next.plate_number,
            startsAt: next.starts_at.toISOString(),
            alternativeCarId: alternative?.id ?? null,
            alternativePlateNumber: alternative?.plate_number ?? null,
          },
          { dedupeKey: `late-return:${late_id}:${next.id}` },
        );
        return result.notificationIds.length;
      });
    }
    return sent;
  }

  /** 常時有効に保持: reminds the safe-driving managers once a day per detector that cannot be selected. */
  async remindDetectors(now = this.clock.now()): Promise<number> {
    const settings = await this.repo.settings();
    const managers = await this.repo.safeDrivingManagers();
    let sent = 0;
    for (const d of await this.repo.detectors()) {
      if (d.status !== 'active') continue;
      const u = usabilityOf(d, now, settings.weekly_inspection_days);
      if (u.usable) continue;
      const result = await this.notifications.notify(
        managers,
        'garage.detector_overdue',
        { detectorId: d.id, serialNumber: d.serial_number, location: d.location, reasons: u.reasons },
        { dedupeKey: `detector:${d.id}:${tokyoDate(now)}` },
      );
      sent += result.notificationIds.length;
    }
    return sent;
  }
}
