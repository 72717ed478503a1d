import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@rr/domain';
import { TransactionHost } from '@rr/server/persistence';
import { AcCatalogueService } from './ac-catalogue.service';
import { AC_CLOCK } from './ac-clock';
import { AcNotifier } from './ac-notifier';
import { AcRequestsRepository } from './ac-requests.repository';

/**
 * Reminders for requests that wait too long (設定: reminderAfterHours). One reminder per request,
 * waiting state (version) and elapsed period: the notification's dedupe key makes a second worker
 * replica running the same scan write nothing.
 */
@Injectable()
export class AcRemindersService {
  constructor(
    private readonly repo: AcRequestsRepository,
    private readonly catalogue: AcCatalogueService,
    private readonly notifier: AcNotifier,
    private readonly tx: TransactionHost,
    @Inject(AC_CLOCK) readonly clock: Clock,
  ) {}

  async scan(now: Date = this.clock.now()): Promise<{ requests: number; notifications: number }> {
    const hours = (await this.catalogue.settings()).reminderAfterHours;
    const periodMs = hours * 3_600_000;
    const overdue = await this.repo.listOverdue(new Date(now.getTime() - periodMs));
    let notifications = 0;
    for (const row of overdue) {
      const round = Math.floor((now.getTime() - row.waiting_since.getTime()) / periodMs);
      notifications += await this.tx.run(() => this.notifier.overdue(row, now, round));
    }
    return { requests: overdue.length, notifications };
  }
}
