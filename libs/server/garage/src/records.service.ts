import { Injectable } from '@nestjs/common';
import type { CorrectDrivingLog, DrivingLog, GarageRecords, Ledger, RecordsQuery } from '@rr/contracts';
import { checkOdometer, garageError, monthBounds, TOKYO, tokyoInstant, toCsv } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import { currentActor } from './actor';
import { GarageSettingsService } from './garage-settings.service';
import { CheckRow, GarageRepository, LogRow, RecordFilter } from './garage.repository';
import { toCheck, toLog } from './garage.mappers';
import { runGarageTransaction } from './garage-transaction';

const MAX_PERIOD_DAYS = 366;

const tokyo = (d: Date) => DateTime.fromJSDate(d, { zone: TOKYO }).toFormat('yyyy-MM-dd HH:mm');
const ok = (v: boolean) => (v ? '異常なし' : '異常あり');

/**
 * Records (記録): search, CSV (UTF-8 with BOM, opens in Excel), the printable monthly ledger data,
 * and corrections of driving logs. Records are never changed: corrections are new rows.
 */
@Injectable()
export class RecordsService {
  constructor(
    private readonly repo: GarageRepository,
    private readonly settings: GarageSettingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  filter(q: RecordsQuery): RecordFilter {
    if (q.from > q.to) throw garageError('GARAGE_PERIOD_INVALID');
    const from = tokyoInstant(q.from);
    const to = DateTime.fromJSDate(tokyoInstant(q.to), { zone: TOKYO }).plus({ days: 1 }).toJSDate();
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw garageError('GARAGE_PERIOD_INVALID');
    return { from, to, carId: q.carId, driverId: q.driverId, history: q.history };
  }

  async search(q: RecordsQuery): Promise<GarageRecords> {
    const f = this.filter(q);
    return { checks: (await this.repo.checks(f)).map(toCheck), logs: (await this.repo.logs(f)).map(toLog) };
  }

  /** 酒気帯び確認記録簿 as CSV: one row per check, legal items first. */
  async checksCsv(q: RecordsQuery): Promise<string> {
    const rows = await this.repo.checks(this.filter(q));
    const header = [
      '確認日時',
      '区分',
      '運転者名',
      '確認者名',
      '自動車登録番号',
      '確認方法',
      '対面以外の具体的方法',
      'アルコール検知器の使用',
      '検知器シリアル番号',
      '測定値(mg/L)',
      '顔色',
      '呼気の臭い',
      '応答の声の調子',
      '酒気帯びの有無',
      '運転可否',
      '指示事項',
      'その他必要な事項',
      '予約ID',
      '記録ID',
      '訂正元記録ID',
      '訂正理由',
    ];
    return toCsv(header, rows.map((c: CheckRow) => [
      tokyo(c.checked_at),
      c.phase === 'pre' ? '乗車前' : '乗車後',
      c.driver_name,
      c.checker_name,
      c.plate_number,
      c.method === 'face_to_face' ? '対面' : '対面以外',
      c.remote_means,
      '有',
      c.detector_serial,
      Number(c.reading_mg_l).toFixed(2),
      ok(c.face_colour_ok),
      ok(c.breath_smell_ok),
      ok(c.voice_ok),
      c.alcohol_detected ? 'あり' : 'なし',
      c.fit_to_drive ? '運転可' : '運転不可',
      c.instructions,
      c.notes,
      c.booking_id ?? '',
      c.id,
      c.corrects_id ?? '',
      c.correction_reason ?? '',
    ]));
  }

  /** 運転日誌 as CSV. */
  async logsCsv(q: RecordsQuery): Promise<string> {
    const rows = await this.repo.logs(this.filter(q));
    const header = ['出発日時', '帰着日時', '自動車登録番号', '運転者名', '所属', '行先', '用務', '同乗者数', '出発時メーター(km)', '帰着時メーター(km)', '走行距離(km)', '給油量(L)', '給油金額(円)', 'ETC利用', '車両の異常', '備考', '予約ID', '記録ID', '訂正元記録ID', '訂正理由'];
    return toCsv(header, rows.map((l: LogRow) => [
      tokyo(l.departed_at),
      tokyo(l.returned_at),
      l.plate_number,
      l.driver_name,
      l.section_name,
      l.destination,
      l.purpose,
      l.passengers,
      l.odometer_start,
      l.odometer_end,
      l.distance_km,
      l.fuel_litres ?? '',
      l.fuel_cost_yen ?? '',
      l.etc_used ? '有' : '無',
      l.defects,
      l.notes,
      l.booking_id,
      l.id,
      l.corrects_id ?? '',
      l.correction_reason ?? '',
    ]));
  }

  /** The month's checks and logs (current versions) for the printable ledger (月次台帳). */
  async ledger(month: string, carId?: string, driverId?: string): Promise<Ledger> {
    const { first, next } = monthBounds(month);
    const f: RecordFilter = { from: tokyoInstant(first), to: tokyoInstant(next), carId, driverId };
    const checks = await this.repo.checks(f);
    const logs = await this.repo.logs(f);
    return {
      month,
      generatedAt: this.settings.clock.now().toISOString(),
      checks: checks.map(toCheck),
      logs: logs.map(toLog),
      totals: {
        checks: checks.length,
        alcoholDetected: checks.filter((c) => c.alcohol_detected).length,
        trips: logs.length,
        distanceKm: logs.reduce((sum, l) => sum + l.distance_km, 0),
      },
    };
  }

  async log(id: string): Promise<DrivingLog> {
    const row = await this.repo.log(id);
    if (!row) throw garageError('GARAGE_LOG_NOT_FOUND');
    return toLog(row);
  }

  /** A driving-log correction: a new row with the changed items and a reason. */
  async correctLog(id: string, patch: CorrectDrivingLog): Promise<DrivingLog> {
    const actor = currentActor();
    const newId = await runGarageTransaction(this.tx, async () => {
      const old = await this.repo.log(id);
      if (!old) throw garageError('GARAGE_LOG_NOT_FOUND');
      if (old.superseded) throw garageError('GARAGE_ALREADY_CORRECTED');
      const { reason, ...changes } = patch;
      if (Object.values(changes).every((v) => v === undefined)) throw garageError('GARAGE_CORRECTION_EMPTY');
      const start = changes.odometerStart ?? old.odometer_start;
      const end = changes.odometerEnd ?? old.odometer_end;
      checkOdometer(start, {});
      checkOdometer(end, { start });
      const newId = await this.repo.insertLog({
        booking_id: old.booking_id,
        car_id: old.car_id,
        plate_number: old.plate_number,
        driver_id: old.driver_id,
        driver_name: old.driver_name,
        section_name: old.section_name,
        departed_at: old.departed_at,
        returned_at: old.returned_at,
        destination: changes.destination ?? old.destination,
        purpose: changes.purpose ?? old.purpose,
        passengers: changes.passengers ?? old.passengers,
        odometer_start: start,
        odometer_end: end,
        fuel_litres: changes.fuelLitres !== undefined ? changes.fuelLitres : old.fuel_litres === null ? null : Number(old.fuel_litres),
        fuel_cost_yen: changes.fuelCostYen !== undefined ? changes.fuelCostYen : old.fuel_cost_yen,
        etc_used: changes.etcUsed ?? old.etc_used,
        defects: changes.defects ?? old.defects,
        notes: changes.notes ?? old.notes,
        pre_check_id: old.pre_check_id,
        post_check_id: old.post_check_id,
        corrects_id: old.id,
        correction_reason: reason,
        recorded_by: actor.id,
      });
      await this.audit.record('driving_log.correct', 'driving_log', old.id, { odometerStart: old.odometer_start, odometerEnd: old.odometer_end }, { id: newId, reason, ...changes });
      return newId;
    });
    return toLog((await this.repo.log(newId))!);
  }
}

