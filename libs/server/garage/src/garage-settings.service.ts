import { Inject, Injectable } from '@nestjs/common';
import type { GarageSettings, UpdateGarageSettings } from '@rr/contracts';
import type { Clock } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { GARAGE_CLOCK } from './garage.clock';
import { GarageRepository, SettingsRow } from './garage.repository';
import { toSettings } from './garage.mappers';
import { runGarageTransaction } from './garage-transaction';

/** The counter's settings (設定値): no-show minutes, 「1日1回の確認で可」, grace, damage block length. */
@Injectable()
export class GarageSettingsService {
  constructor(
    private readonly repo: GarageRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(GARAGE_CLOCK) readonly clock: Clock,
  ) {}

  async get(): Promise<GarageSettings> {
    return toSettings(await this.repo.settings());
  }

  row(): Promise<SettingsRow> {
    return this.repo.settings();
  }

  async update(patch: UpdateGarageSettings): Promise<GarageSettings> {
    const actor = currentActor();
    const columns: Partial<SettingsRow> = {};
    if (patch.noShowMinutes !== undefined) columns.no_show_minutes = patch.noShowMinutes;
    if (patch.oneCheckPerDay !== undefined) columns.one_check_per_day = patch.oneCheckPerDay;
    if (patch.lateReturnGraceMinutes !== undefined) columns.late_return_grace_minutes = patch.lateReturnGraceMinutes;
    if (patch.damageBlockDays !== undefined) columns.damage_block_days = patch.damageBlockDays;
    if (patch.weeklyInspectionDays !== undefined) columns.weekly_inspection_days = patch.weeklyInspectionDays;
    await runGarageTransaction(this.tx, async () => {
      const before = toSettings(await this.repo.settings());
      await this.repo.updateSettings(columns, actor.id);
      await this.audit.record('garage_settings.update', 'garage_settings', '1', before, toSettings(await this.repo.settings()));
    });
    return this.get();
  }
}
