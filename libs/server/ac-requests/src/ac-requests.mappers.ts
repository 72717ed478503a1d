import type { AcCostLineDto, AcRequestDetail, AcRequestSummary, AcStep } from '@rr/contracts';
import type { AcCostLine } from '@rr/domain';
import type { AcLineRow, AcRequestRow, AcStepRow } from './ac-requests.repository';
import { hhmm } from './ac-time';

export function toSummary(row: AcRequestRow): AcRequestSummary {
  return {
    id: row.id,
    number: Number(row.number),
    status: row.status,
    version: Number(row.version),
    revision: Number(row.revision),
    section: { id: row.section_id, name: row.section_name, departmentName: row.department_name },
    applicant: { id: row.applicant_id, displayName: row.applicant_name },
    dates: row.dates,
    zones: row.zones,
    start: hhmm(row.start_minute),
    end: hhmm(row.end_minute),
    headcount: Number(row.headcount),
    reasonCategory: row.reason_category as AcRequestSummary['reasonCategory'],
    reasonText: row.reason_text,
    contact: row.contact,
    late: row.late,
    deadline: row.deadline_at.toISOString(),
    totalMinutes: Number(row.total_minutes),
    totalYen: Number(row.total_yen),
    submittedAt: row.submitted_at.toISOString(),
    waitingSince: row.waiting_since.toISOString(),
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
  };
}

/** 'HH:mm-HH:mm,HH:mm-HH:mm' as stored in ac_request_lines.segments. */
export function segmentsText(segments: AcCostLine['segments']): string {
  return segments.map((s) => `${s.start}-${s.end}`).join(',');
}

export function toLine(row: AcLineRow, dayType: 'business' | 'closed'): AcCostLineDto {
  return {
    date: row.date,
    zoneId: row.zone_id,
    zoneName: row.zone_name,
    dayType,
    segments: row.segments.split(',').map((s) => {
      const [start, end] = s.split('-');
      return { start, end };
    }),
    minutes: Number(row.minutes),
    yenPerHour: Number(row.yen_per_hour),
    yen: Number(row.yen),
  };
}

export function toStep(row: AcStepRow): AcStep {
  return {
    id: row.id,
    revision: Number(row.revision),
    action: row.action,
    actor: { id: row.actor_id, displayName: row.actor_name },
    acting: row.acting,
    onBehalfOf: row.on_behalf_of ? { id: row.on_behalf_of, displayName: row.on_behalf_of_name ?? '' } : null,
    comment: row.comment,
    at: row.created_at.toISOString(),
  };
}

export type AllowedAction = AcRequestDetail['allowedActions'][number];

export { hhmm };
