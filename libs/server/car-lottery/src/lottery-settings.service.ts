import { Injectable } from '@nestjs/common';
import type { LotteryCyclePoint, LotterySettings, UpdateLotterySettings } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { CarLotterySettingsEntity, TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { isCheckViolation, LotteryErrors } from './car-lottery.errors';
import { runLotteryTransaction } from './lottery-transaction';
import { toLotterySettings } from './mappers';
import { RoundsRepository, SettingsValues } from './rounds.repository';
import { hhmmToMinute } from './rules/round-schedule';

/** The column defaults of car_lottery_settings (LOTTERY.md / DOMAIN.md §3.6 cycle; caps 5 / 30). */
export const DEFAULT_LOTTERY_SETTINGS: SettingsValues = {
  enabled: false,
  opensDay: 0,
  opensMinute: 8 * 60 + 30,
  closesDay: 2,
  closesMinute: 17 * 60 + 15,
  drawDay: 3,
  drawMinute: 9 * 60,
  confirmDay: 4,
  confirmMinute: 17 * 60 + 15,
  firstComeDay: 7,
  firstComeMinute: 8 * 60 + 30,
  periodOffsetDays: 14,
  periodDays: 7,
  perUserCap: 5,
  perSectionCap: 30,
  reminderMinutesBefore: 480,
  createAheadDays: 21,
};

export function settingsValues(row: CarLotterySettingsEntity | null): SettingsValues {
  if (!row) return { ...DEFAULT_LOTTERY_SETTINGS };
  const { poolId: _p, pool: _pool, updater: _u, updatedBy: _by, updatedAt: _at, ...values } = row;
  return values;
}

/** 設定値 of each pool's lottery cycle (garage administrators). */
@Injectable()
export class LotterySettingsService {
  constructor(
    private readonly rounds: RoundsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async get(poolId: string): Promise<LotterySettings> {
    if (!(await this.rounds.poolExists(poolId))) throw LotteryErrors.poolNotFound();
    const row = await this.rounds.findSettings(poolId);
    return toLotterySettings(poolId, settingsValues(row), row?.updatedAt ?? null);
  }

  async update(poolId: string, patch: Partial<UpdateLotterySettings>): Promise<LotterySettings> {
    const actor = currentActor();
    await runLotteryTransaction(this.tx, async () => {
      if (!(await this.rounds.poolExists(poolId))) throw LotteryErrors.poolNotFound();
      const beforeRow = await this.rounds.findSettings(poolId, true);
      const before = settingsValues(beforeRow);
      const next: SettingsValues = { ...before };
      const points: Array<[keyof UpdateLotterySettings, keyof SettingsValues, keyof SettingsValues]> = [
        ['opens', 'opensDay', 'opensMinute'],
        ['closes', 'closesDay', 'closesMinute'],
        ['draw', 'drawDay', 'drawMinute'],
        ['confirmBy', 'confirmDay', 'confirmMinute'],
        ['firstCome', 'firstComeDay', 'firstComeMinute'],
      ];
      for (const [key, day, minute] of points) {
        const p = patch[key] as LotteryCyclePoint | undefined;
        if (p) Object.assign(next, { [day]: p.day, [minute]: hhmmToMinute(p.time) });
      }
      for (const key of ['enabled', 'periodOffsetDays', 'periodDays', 'perUserCap', 'perSectionCap', 'reminderMinutesBefore', 'createAheadDays'] as const) {
        if (patch[key] !== undefined) Object.assign(next, { [key]: patch[key] });
      }
      const seq = [
        next.opensDay * 1440 + next.opensMinute,
        next.closesDay * 1440 + next.closesMinute,
        next.drawDay * 1440 + next.drawMinute,
        next.confirmDay * 1440 + next.confirmMinute,
        next.firstComeDay * 1440 + next.firstComeMinute,
      ];
      if (!(seq[0] < seq[1] && seq[1] <= seq[2] && seq[2] < seq[3] && seq[3] <= seq[4])) {
        throw LotteryErrors.settingsInvalid('the cycle must run opens < closes ≤ draw < confirmBy ≤ firstCome');
      }
      if (seq[2] >= next.periodOffsetDays * 1440) throw LotteryErrors.settingsInvalid('the draw must be before the target period starts');
      try {
        await this.rounds.upsertSettings(poolId, next, actor.id);
      } catch (error) {
        if (isCheckViolation(error)) throw LotteryErrors.settingsInvalid('a value is out of range');
        throw error;
      }
      await this.audit.record('car_lottery_settings.update', 'car_lottery_settings', poolId, beforeRow ? before : null, next);
    });
    return this.get(poolId);
  }
}
