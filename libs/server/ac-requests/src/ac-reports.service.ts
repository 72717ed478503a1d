import { Inject, Injectable } from '@nestjs/common';
import type { AcReasonCode, AcReport } from '@rr/contracts';
import { AC_REASON_CATEGORIES, AcApprovedRequest, Clock, mergeAcOperations, tokyoDate } from '@rr/domain';
import { AcCatalogueService } from './ac-catalogue.service';
import { AC_CLOCK } from './ac-clock';
import { AcRequestsRepository } from './ac-requests.repository';
import { csvDocument } from './ac-csv';
import { fiscalYearOf, hhmm } from './ac-time';

interface Measure {
  approvedMinutes: number;
  approvedYen: number;
  approvedCount: number;
  rejectedCount: number;
  rejectedYen: number;
}

const empty = (): Measure => ({ approvedMinutes: 0, approvedYen: 0, approvedCount: 0, rejectedCount: 0, rejectedYen: 0 });

function bucket<K>(map: Map<K, Measure>, key: K): Measure {
  let m = map.get(key);
  if (!m) map.set(key, (m = empty()));
  return m;
}


/**
 * Reports for General Affairs over a fiscal year (年度, April–March). Approved hours and cost are
 * what is billed: the merged operating blocks split between sections (ADR 0011), so a section that
 * shared a block pays only its share. Counts are requests with a date in the month; rejected cost
 * and the by-reason figures use each request's own estimate (a block's share has no single reason).
 */
@Injectable()
export class AcReportsService {
  constructor(
    private readonly repo: AcRequestsRepository,
    private readonly catalogue: AcCatalogueService,
    @Inject(AC_CLOCK) private readonly clock: Clock,
  ) {}

  async report(fiscalYear?: number): Promise<AcReport> {
    const today = tokyoDate(this.clock.now());
    const fy = fiscalYear ?? fiscalYearOf(today);
    const from = `${fy}-04-01`;
    const to = `${fy + 1}-03-31`;
    const asOf = today < from ? from : today > to ? to : today;

    const rules = await this.catalogue.rules({ includeInactive: true });
    const approved = await this.repo.approvedBetween(from, to);
    const requests: AcApprovedRequest[] = approved.map((r) => ({
      id: r.id,
      sectionId: r.section_id,
      dates: r.dates,
      zoneIds: r.zone_ids,
      time: { start: hhmm(r.start_minute), end: hhmm(r.end_minute) },
    }));
    const plan = mergeAcOperations(requests, rules.zones, rules.calendar);

    const bySection = new Map<string, Measure>();
    const byMonth = new Map<string, Measure>();
    const byReason = new Map<AcReasonCode, Measure>();
    let ytdYen = 0;
    for (const i of plan.instructions) {
      for (const s of i.shares) {
        for (const m of [bucket(bySection, s.sectionId), bucket(byMonth, i.date.slice(0, 7))]) {
          m.approvedMinutes += s.minutes;
          m.approvedYen += s.yen;
        }
        if (i.date <= asOf) ytdYen += s.yen;
      }
    }
    const counted = new Set<string>();
    for (const l of await this.repo.linesByRequestMonth(from, to)) {
      const yen = Number(l.yen);
      const reason = bucket(byReason, l.reason_category as AcReasonCode);
      const section = bucket(bySection, l.section_id);
      const month = bucket(byMonth, l.month);
      const first = !counted.has(l.id);
      counted.add(l.id);
      if (l.status === 'approved') {
        month.approvedCount++;
        if (first) section.approvedCount++;
        if (first) reason.approvedCount++;
        reason.approvedMinutes += Number(l.minutes);
        reason.approvedYen += yen;
      } else {
        month.rejectedCount++;
        month.rejectedYen += yen;
        if (first) section.rejectedCount++;
        if (first) reason.rejectedCount++;
        section.rejectedYen += yen;
        reason.rejectedYen += yen;
      }
    }

    const sections = await this.repo.sections([...bySection.keys()]);
    const sectionRows = sections
      .map((s) => ({ sectionId: s.id, sectionName: s.name, departmentName: s.department_name, ...bySection.get(s.id)! }))
      .sort((a, b) => b.approvedYen - a.approvedYen || a.sectionName.localeCompare(b.sectionName, 'ja'));
    const byDepartment = new Map<string, Measure & { departmentName: string }>();
    for (const s of sections) {
      const d = byDepartment.get(s.department_id) ?? { ...empty(), departmentName: s.department_name };
      const m = bySection.get(s.id)!;
      for (const k of Object.keys(m) as Array<keyof Measure>) d[k] += m[k];
      byDepartment.set(s.department_id, d);
    }
    const months: string[] = [];
    for (let i = 0; i < 12; i++) {
      const month = ((3 + i) % 12) + 1;
      months.push(`${month >= 4 ? fy : fy + 1}-${String(month).padStart(2, '0')}`);
    }
    return {
      fiscalYear: fy,
      from,
      to,
      asOf,
      budgetYen: await this.catalogue.budget(fy),
      ytdYen,
      committedYen: plan.totalYen,
      bySection: sectionRows,
      byDepartment: [...byDepartment.entries()]
        .map(([departmentId, d]) => ({ departmentId, ...d }))
        .sort((a, b) => b.approvedYen - a.approvedYen || a.departmentName.localeCompare(b.departmentName, 'ja')),
      byMonth: months.map((month) => ({ month, ...(byMonth.get(month) ?? empty()) })),
      byReason: (Object.keys(AC_REASON_CATEGORIES) as AcReasonCode[]).map((reasonCategory) => ({ reasonCategory, ...(byReason.get(reasonCategory) ?? empty()) })),
    };
  }

  /** The report as one CSV (UTF-8 with BOM): a block per grouping, headed by its kind. */
  async csv(fiscalYear?: number): Promise<string> {
    const r = await this.report(fiscalYear);
    const head = ['集計区分', '項目', '所属局', '承認時間(時間)', '承認額(円)', '承認件数', '却下件数', '却下分の概算額(円)'];
    const hours = (m: number) => (m / 60).toFixed(2);
    const row = (kind: string, name: string, dept: string, m: Measure) => [kind, name, dept, hours(m.approvedMinutes), m.approvedYen, m.approvedCount, m.rejectedCount, m.rejectedYen];
    const rows: Array<Array<string | number>> = [
      ['年度', `${r.fiscalYear}年度`, '', '', '', '', '', ''],
      ['予算額', r.budgetYen ?? '', '', '', '', '', '', ''],
      [`累計（${r.asOf}まで）`, r.ytdYen, '', '', '', '', '', ''],
      ['年度内承認済み合計', r.committedYen, '', '', '', '', '', ''],
      head,
      ...r.bySection.map((s) => row('課', s.sectionName, s.departmentName, s)),
      ...r.byDepartment.map((d) => row('局', d.departmentName, d.departmentName, d)),
      ...r.byMonth.map((m) => row('月', m.month, '', m)),
      ...r.byReason.map((x) => row('理由', AC_REASON_CATEGORIES[x.reasonCategory], '', x)),
    ];
    return csvDocument(rows);
  }
}
