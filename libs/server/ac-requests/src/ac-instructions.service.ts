import { Injectable } from '@nestjs/common';
import type { AcDaySheet } from '@rr/contracts';
import { acDayType, AcApprovedRequest, mergeAcOperations, tokyoDate } from '@rr/domain';
import { AcCatalogueService } from './ac-catalogue.service';
import { AcRequestsRepository } from './ac-requests.repository';
import { csvDocument } from './ac-csv';
import { hhmm } from './ac-time';

const CSV_HEADER = ['日付', '版数', '建物', 'フロア', '区域コード', '区域', '開始', '終了', '運転時間(分)', '単価(円/時)', '費用(円)', '負担課', '負担時間(分)', '負担額(円)', '申請番号'];


/**
 * 運転指示 for the building operator: the day's approved requests merged per zone (touching or
 * overlapping ranges become one block) with the cost split between sections (ADR 0011), as JSON for
 * the printable sheet and as CSV (UTF-8 with BOM, so Excel opens it in Japanese).
 */
@Injectable()
export class AcInstructionsService {
  constructor(
    private readonly catalogue: AcCatalogueService,
    private readonly repo: AcRequestsRepository,
  ) {}

  async daySheet(date: string): Promise<AcDaySheet> {
    const rules = await this.catalogue.rules({ includeInactive: true });
    const approved = await this.repo.approvedBetween(date, date);
    const requests: AcApprovedRequest[] = approved.map((r) => ({
      id: r.id,
      sectionId: r.section_id,
      dates: [date],
      zoneIds: r.zone_ids,
      time: { start: hhmm(r.start_minute), end: hhmm(r.end_minute) },
    }));
    const plan = mergeAcOperations(requests, rules.zones, rules.calendar);
    const numbers = new Map(approved.map((r) => [r.id, Number(r.number)]));
    const sections = new Map((await this.repo.sections([...new Set(approved.map((r) => r.section_id))])).map((s) => [s.id, s.name]));
    const day = await this.repo.instructionDay(date);
    return {
      date,
      dayType: acDayType(date, rules.calendar),
      revision: day?.revision ?? 0,
      updatedAt: day ? day.updated_at.toISOString() : null,
      instructions: plan.instructions.map((i) => {
        const zone = rules.rows.get(i.zoneId)!;
        return {
          zoneId: i.zoneId,
          zoneCode: zone.code,
          zoneName: zone.name,
          buildingName: zone.building_name,
          floorName: zone.floor_name,
          start: i.start,
          end: i.end,
          minutes: i.minutes,
          yenPerHour: i.yenPerHour,
          yen: i.yen,
          shares: i.shares.map((s) => ({
            sectionId: s.sectionId,
            sectionName: sections.get(s.sectionId) ?? '',
            minutes: s.minutes,
            yen: s.yen,
            requestNumbers: s.requestIds.map((id) => numbers.get(id)!).sort((a, b) => a - b),
          })),
        };
      }),
      sectionTotals: plan.sectionTotals.map((t) => ({ ...t, sectionName: sections.get(t.sectionId) ?? '' })),
      totalYen: plan.totalYen,
    };
  }

  /** One line per block and paying section, so the sheet can be filtered and summed in Excel. */
  async csv(date: string): Promise<string> {
    const sheet = await this.daySheet(date);
    const rows: Array<Array<string | number>> = [CSV_HEADER];
    for (const i of sheet.instructions) {
      for (const s of i.shares) {
        rows.push([date, sheet.revision, i.buildingName, i.floorName, i.zoneCode, i.zoneName, i.start, i.end, i.minutes, i.yenPerHour, i.yen, s.sectionName, s.minutes, s.yen, s.requestNumbers.join(' ')]);
      }
    }
    return csvDocument(rows);
  }

  /** Inside the approving transaction: bumps the 版数 of each date not yet past and notifies the operator. */
  async changed(dates: readonly string[], now: Date, notify: (date: string, revision: number, count: number) => Promise<void>): Promise<void> {
    const today = tokyoDate(now);
    for (const date of dates) {
      if (date < today) continue;
      const revision = await this.repo.bumpInstructionDay(date);
      const sheet = await this.daySheet(date);
      await notify(date, revision, sheet.instructions.length);
    }
  }
}
