import { Injectable } from '@nestjs/common';
import type { AcRequestStatus, AcStepAction } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';

/** A request with everything a list shows (dates as 'YYYY-MM-DD'; never a JS Date for a date). */
export interface AcRequestRow {
  id: string;
  number: string;
  section_id: string;
  section_name: string;
  department_id: string;
  department_name: string;
  applicant_id: string;
  applicant_name: string;
  status: AcRequestStatus;
  revision: number;
  version: number;
  start_minute: number;
  end_minute: number;
  headcount: number;
  reason_category: string;
  reason_text: string;
  contact: string;
  late: boolean;
  deadline_at: Date;
  first_date: string;
  total_minutes: number;
  total_yen: string;
  needs_post_review: boolean;
  submitted_at: Date;
  waiting_since: Date;
  decided_at: Date | null;
  dates: string[];
  zones: Array<{ id: string; code: string; name: string }>;
}

export interface AcLineRow {
  date: string;
  zone_id: string;
  zone_name: string;
  segments: string;
  minutes: number;
  yen_per_hour: number;
  yen: string;
}

export interface AcStepRow {
  id: string;
  request_id: string;
  revision: number;
  action: AcStepAction;
  actor_id: string;
  actor_name: string;
  acting: boolean;
  on_behalf_of: string | null;
  on_behalf_of_name: string | null;
  comment: string | null;
  created_at: Date;
}

export interface NewRequestValues {
  sectionId: string;
  applicantId: string;
  startMinute: number;
  endMinute: number;
  headcount: number;
  reasonCategory: string;
  reasonText: string;
  contact: string;
  late: boolean;
  deadlineAt: Date;
  firstDate: string;
  totalMinutes: number;
  totalYen: number;
}

export interface LineValues {
  date: string;
  zoneId: string;
  segments: string;
  minutes: number;
  yenPerHour: number;
  yen: number;
}

export interface PersonRow {
  id: string;
  display_name: string;
}

const REQUEST_SELECT = `
  SELECT r.id, r.number, r.section_id, s.name AS section_name, d.id AS department_id, d.name AS department_name,
         r.applicant_id, u.display_name AS applicant_name, r.status, r.revision, r.version, r.start_minute, r.end_minute,
         r.headcount, r.reason_category, r.reason_text, r.contact, r.late, r.deadline_at, to_char(r.first_date, 'YYYY-MM-DD') AS first_date,
         r.total_minutes, r.total_yen, r.needs_post_review, r.submitted_at, r.waiting_since, r.decided_at,
         COALESCE((SELECT array_agg(to_char(rd.date, 'YYYY-MM-DD') ORDER BY rd.date) FROM ac_request_dates rd WHERE rd.request_id = r.id), '{}') AS dates,
         COALESCE((SELECT json_agg(json_build_object('id', z.id, 'code', z.code, 'name', z.name) ORDER BY z.code COLLATE "C")
                     FROM ac_request_zones rz JOIN ac_zones z ON z.id = rz.zone_id WHERE rz.request_id = r.id), '[]'::json) AS zones
    FROM ac_requests r
    JOIN sections s ON s.id = r.section_id
    JOIN departments d ON d.id = s.department_id
    JOIN users u ON u.id = r.applicant_id`;

/** Requests, their dates, zones, priced lines and approval steps; approvers and operators to notify. */
@Injectable()
export class AcRequestsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(v: NewRequestValues): Promise<string> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO ac_requests (section_id, applicant_id, status, start_minute, end_minute, headcount, reason_category, reason_text, contact, late,
                                deadline_at, first_date, total_minutes, total_yen)
       VALUES ($1, $2, 'submitted', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [v.sectionId, v.applicantId, v.startMinute, v.endMinute, v.headcount, v.reasonCategory, v.reasonText, v.contact, v.late, v.deadlineAt, v.firstDate, v.totalMinutes, v.totalYen],
    );
    return row.id;
  }

  /** Replaces dates, zones and priced lines (first submission and resubmission after a send-back). */
  async replaceContents(requestId: string, dates: readonly string[], zoneIds: readonly string[], lines: readonly LineValues[]): Promise<void> {
    const m = this.tx.manager;
    await m.query(`DELETE FROM ac_request_lines WHERE request_id = $1`, [requestId]);
    await m.query(`DELETE FROM ac_request_dates WHERE request_id = $1`, [requestId]);
    await m.query(`DELETE FROM ac_request_zones WHERE request_id = $1`, [requestId]);
    await m.query(`INSERT INTO ac_request_dates (request_id, date) SELECT $1, unnest($2::date[])`, [requestId, dates]);
    await m.query(`INSERT INTO ac_request_zones (request_id, zone_id) SELECT $1, unnest($2::uuid[])`, [requestId, zoneIds]);
    await m.query(
      `INSERT INTO ac_request_lines (request_id, date, zone_id, segments, minutes, yen_per_hour, yen)
       SELECT $1, l.date, l.zone_id, l.segments, l.minutes, l.yen_per_hour, l.yen
         FROM unnest($2::date[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::bigint[]) AS l(date, zone_id, segments, minutes, yen_per_hour, yen)`,
      [requestId, lines.map((l) => l.date), lines.map((l) => l.zoneId), lines.map((l) => l.segments), lines.map((l) => l.minutes), lines.map((l) => l.yenPerHour), lines.map((l) => l.yen)],
    );
  }

  /**
   * Locks the request row FOR UPDATE: concurrent decisions on one request queue here, and each
   * sees the status and version its predecessor committed (ADR 0016).
   */
  async lock(id: string): Promise<{ id: string; status: AcRequestStatus; version: number; revision: number; applicant_id: string; section_id: string; needs_post_review: boolean } | null> {
    const rows = await this.tx.manager.query(
      `SELECT id, status, version, revision, applicant_id, section_id, needs_post_review FROM ac_requests WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Compare-and-set on the version: returns false when someone else changed the row meanwhile. */
  async update(
    id: string,
    expectedVersion: number,
    patch: Partial<Omit<NewRequestValues, 'sectionId' | 'applicantId'>> & {
      status?: AcRequestStatus;
      revision?: number;
      needsPostReview?: boolean;
      waitingSince?: Date;
      submittedAt?: Date;
      decidedAt?: Date | null;
    },
  ): Promise<boolean> {
    const columns: Record<string, string> = {
      status: 'status',
      revision: 'revision',
      needsPostReview: 'needs_post_review',
      waitingSince: 'waiting_since',
      submittedAt: 'submitted_at',
      decidedAt: 'decided_at',
      startMinute: 'start_minute',
      endMinute: 'end_minute',
      headcount: 'headcount',
      reasonCategory: 'reason_category',
      reasonText: 'reason_text',
      contact: 'contact',
      late: 'late',
      deadlineAt: 'deadline_at',
      firstDate: 'first_date',
      totalMinutes: 'total_minutes',
      totalYen: 'total_yen',
    };
    const sets = ['version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [id, expectedVersion];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${columns[key]} = $${params.length}`);
    }
    const result = await this.tx.manager.query(`UPDATE ac_requests SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`, params);
    return result.length > 0;
  }

  async insertStep(v: { requestId: string; revision: number; action: AcStepAction; actorId: string; acting: boolean; onBehalfOf: string | null; comment: string | null }): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO ac_request_steps (request_id, revision, action, actor_id, acting, on_behalf_of, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [v.requestId, v.revision, v.action, v.actorId, v.acting, v.onBehalfOf, v.comment],
    );
  }

  async find(id: string): Promise<AcRequestRow | null> {
    const rows: AcRequestRow[] = await this.tx.manager.query(`${REQUEST_SELECT} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  listByApplicant(applicantId: string, status: AcRequestStatus | undefined, limit: number): Promise<AcRequestRow[]> {
    return this.tx.manager.query(
      `${REQUEST_SELECT} WHERE r.applicant_id = $1 AND ($2::text IS NULL OR r.status = $2) ORDER BY r.first_date DESC, r.number DESC LIMIT $3`,
      [applicantId, status ?? null, limit],
    );
  }

  /** Requests waiting in `status`, optionally only of some sections, oldest first. */
  listWaiting(status: 'submitted' | 'endorsed', sectionIds?: string[]): Promise<AcRequestRow[]> {
    return this.tx.manager.query(`${REQUEST_SELECT} WHERE r.status = $1 AND ($2::uuid[] IS NULL OR r.section_id = ANY($2::uuid[])) ORDER BY r.waiting_since, r.number`, [
      status,
      sectionIds ?? null,
    ]);
  }

  /** Waiting requests not touched for `olderThan` (for the reminder job). */
  listOverdue(olderThan: Date): Promise<AcRequestRow[]> {
    return this.tx.manager.query(`${REQUEST_SELECT} WHERE r.status IN ('submitted','endorsed') AND r.waiting_since <= $1 ORDER BY r.waiting_since LIMIT 500`, [olderThan]);
  }

  lines(requestId: string): Promise<AcLineRow[]> {
    return this.tx.manager.query(
      `SELECT to_char(l.date, 'YYYY-MM-DD') AS date, l.zone_id, z.name AS zone_name, l.segments, l.minutes, l.yen_per_hour, l.yen
         FROM ac_request_lines l JOIN ac_zones z ON z.id = l.zone_id WHERE l.request_id = $1 ORDER BY l.date, z.code COLLATE "C"`,
      [requestId],
    );
  }

  steps(requestId: string): Promise<AcStepRow[]> {
    return this.tx.manager.query(
      `SELECT st.id::text AS id, st.request_id, st.revision, st.action, st.actor_id, a.display_name AS actor_name, st.acting, st.on_behalf_of,
              p.display_name AS on_behalf_of_name, st.comment, st.created_at
         FROM ac_request_steps st JOIN users a ON a.id = st.actor_id LEFT JOIN users p ON p.id = st.on_behalf_of
        WHERE st.request_id = $1 ORDER BY st.id`,
      [requestId],
    );
  }

  /** Active users holding `role`, optionally in one section. */
  async usersWithRole(role: string, sectionId?: string): Promise<PersonRow[]> {
    return this.tx.manager.query(
      `SELECT id, display_name FROM users WHERE is_active AND $1 = ANY(roles) AND ($2::uuid IS NULL OR section_id = $2) ORDER BY id`,
      [role, sectionId ?? null],
    );
  }

  /** Approvers who named `deputyId` as a deputy (代決者), with their roles and section. */
  principalsOf(deputyId: string): Promise<Array<{ approver_id: string; display_name: string; roles: string[]; section_id: string }>> {
    return this.tx.manager.query(
      `SELECT u.id AS approver_id, u.display_name, u.roles, u.section_id
         FROM approver_deputies ad JOIN users u ON u.id = ad.approver_id
        WHERE ad.deputy_id = $1 AND u.is_active ORDER BY ad.rank, u.id`,
      [deputyId],
    );
  }

  async person(id: string): Promise<PersonRow | null> {
    const rows: PersonRow[] = await this.tx.manager.query(`SELECT id, display_name FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Is `userId` named in this request's steps (a past signer may read it)? */
  async isSigner(requestId: string, userId: string): Promise<boolean> {
    const rows = await this.tx.manager.query(`SELECT 1 FROM ac_request_steps WHERE request_id = $1 AND (actor_id = $2 OR on_behalf_of = $2) LIMIT 1`, [requestId, userId]);
    return rows.length > 0;
  }

  /** Approved requests with at least one date in [from, to], each with only those dates. */
  approvedBetween(from: string, to: string): Promise<Array<{ id: string; number: string; section_id: string; start_minute: number; end_minute: number; dates: string[]; zone_ids: string[] }>> {
    return this.tx.manager.query(
      `SELECT r.id, r.number, r.section_id, r.start_minute, r.end_minute,
              array_agg(DISTINCT to_char(rd.date, 'YYYY-MM-DD')) AS dates,
              (SELECT array_agg(rz.zone_id::text ORDER BY rz.zone_id) FROM ac_request_zones rz WHERE rz.request_id = r.id) AS zone_ids
         FROM ac_requests r JOIN ac_request_dates rd ON rd.request_id = r.id
        WHERE r.status = 'approved' AND rd.date BETWEEN $1 AND $2
        GROUP BY r.id ORDER BY r.id`,
      [from, to],
    );
  }

  /** Per request and month: the snapshot (estimate) of lines dated in [from, to]; for the reports. */
  linesByRequestMonth(from: string, to: string): Promise<Array<{ id: string; status: AcRequestStatus; section_id: string; reason_category: string; month: string; minutes: number; yen: string }>> {
    return this.tx.manager.query(
      `SELECT r.id, r.status, r.section_id, r.reason_category, to_char(l.date, 'YYYY-MM') AS month, sum(l.minutes)::int AS minutes, sum(l.yen)::bigint AS yen
         FROM ac_requests r JOIN ac_request_lines l ON l.request_id = r.id
        WHERE r.status IN ('approved', 'rejected') AND l.date BETWEEN $1 AND $2
        GROUP BY r.id, r.status, r.section_id, r.reason_category, month`,
      [from, to],
    );
  }

  sections(ids: string[]): Promise<Array<{ id: string; name: string; department_id: string; department_name: string }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.manager.query(
      `SELECT s.id, s.name, d.id AS department_id, d.name AS department_name FROM sections s JOIN departments d ON d.id = s.department_id WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** +1 on the day's 版数 (creating it at 1); returns the new revision. */
  async bumpInstructionDay(date: string): Promise<number> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO ac_instruction_days (date, revision) VALUES ($1, 1)
       ON CONFLICT (date) DO UPDATE SET revision = ac_instruction_days.revision + 1, updated_at = now() RETURNING revision`,
      [date],
    );
    return Number(row.revision);
  }

  async instructionDay(date: string): Promise<{ revision: number; updated_at: Date } | null> {
    const rows = await this.tx.manager.query(`SELECT revision, updated_at FROM ac_instruction_days WHERE date = $1`, [date]);
    return rows[0] ? { revision: Number(rows[0].revision), updated_at: rows[0].updated_at } : null;
  }
}
