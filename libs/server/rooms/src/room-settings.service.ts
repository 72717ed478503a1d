import { Injectable } from '@nestjs/common';
import type { RoomSettings, UpdateRoomSettings } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { RoomSettingsEntity, TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { runRoomTransaction } from './room-transaction';
import { hhmmToMinute, minuteToHhmm } from './rules/minutes';

/** room_settings as the services use it. */
export interface RoomSettingsValues {
  checkInOpensMinutes: number;
  releaseAfterMinutes: number;
  /** Tokyo minute the AC's normal hours end on business days (1035 = 17:15). */
  acEndMinute: number;
}

const toValues = (e: RoomSettingsEntity): RoomSettingsValues => ({
  checkInOpensMinutes: e.checkInOpensMinutes,
  releaseAfterMinutes: e.releaseAfterMinutes,
  acEndMinute: e.acEndMinute,
});

export const toRoomSettings = (v: RoomSettingsValues): RoomSettings => ({
  checkInOpensMinutes: v.checkInOpensMinutes,
  releaseAfterMinutes: v.releaseAfterMinutes,
  acHoursEnd: minuteToHhmm(v.acEndMinute),
});

/**
 * The rooms feature's settings (one row). Read on every booking, so cached for TTL_MS; a change
 * through this process invalidates at once, other replicas follow within TTL_MS. The worker's
 * release job reads the row fresh (`load`), so the release time is never stale there.
 */
@Injectable()
export class RoomSettingsService {
  static readonly TTL_MS = 30_000;
  private cached?: { values: RoomSettingsValues; at: number };

  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<RoomSettingsValues> {
    if (this.cached && Date.now() - this.cached.at < RoomSettingsService.TTL_MS) return this.cached.values;
    const values = await this.load();
    this.cached = { values, at: Date.now() };
    return values;
  }

  async load(): Promise<RoomSettingsValues> {
    const row = await this.tx.manager.findOne(RoomSettingsEntity, { where: { id: 1 } });
    if (!row) throw new Error('room_settings row 1 is missing (migration 1795300008000)');
    return toValues(row);
  }

  async update(patch: UpdateRoomSettings): Promise<RoomSettings> {
    const actor = currentActor();
    const after = await runRoomTransaction(this.tx, async () => {
      const before = await this.tx.manager.findOne(RoomSettingsEntity, { where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new Error('room_settings row 1 is missing (migration 1795300008000)');
      const values: Partial<RoomSettingsEntity> = { updatedBy: actor.id };
      if (patch.checkInOpensMinutes !== undefined) values.checkInOpensMinutes = patch.checkInOpensMinutes;
      if (patch.releaseAfterMinutes !== undefined) values.releaseAfterMinutes = patch.releaseAfterMinutes;
      if (patch.acHoursEnd !== undefined) values.acEndMinute = hhmmToMinute(patch.acHoursEnd);
      await this.tx.manager.update(RoomSettingsEntity, { id: 1 }, values);
      const row = (await this.tx.manager.findOne(RoomSettingsEntity, { where: { id: 1 } }))!;
      await this.audit.record('room_settings.update', 'room_settings', '1', toRoomSettings(toValues(before)), toRoomSettings(toValues(row)));
      return toValues(row);
    });
    this.cached = undefined;
    return toRoomSettings(after);
  }
}
