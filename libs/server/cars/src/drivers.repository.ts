import { Injectable } from '@nestjs/common';
import { DriverEntity, TransactionHost } from '@rr/server/persistence';

export type DriverValues = Pick<DriverEntity, 'licenceNumber' | 'licenceExpiresOn' | 'licenceConditions' | 'firstLicensedOn' | 'notes'>;

/** A driver with the person's names and section (dates as 'YYYY-MM-DD' text). */
export interface DriverRow {
  user_id: string;
  display_name: string;
  name_kana: string;
  employee_number: string;
  section_id: string;
  section_name: string;
  is_active: boolean;
  licence_number: string | null;
  licence_expires_on: string;
  licence_conditions: string[];
  first_licensed_on: string | null;
  approved: boolean;
  approved_at: Date | null;
  approved_by_name: string | null;
  notes: string;
}

/** What a booking needs to know about its driver. */
export interface DriverFactsRow {
  userId: string;
  displayName: string;
  sectionId: string;
  active: boolean;
  approved: boolean;
  licenceExpiresOn: string;
}

const DRIVER_VIEW = `
  SELECT d.user_id, u.display_name, u.name_kana, u.employee_number, u.section_id, s.name AS section_name, u.is_active,
         d.licence_number, d.licence_expires_on::text AS licence_expires_on, d.licence_conditions,
         d.first_licensed_on::text AS first_licensed_on, d.approved, d.approved_at, a.display_name AS approved_by_name, d.notes
    FROM drivers d
    JOIN users u ON u.id = d.user_id
    JOIN sections s ON s.id = u.section_id
    LEFT JOIN users a ON a.id = d.approved_by`;

export interface DriverListFilter {
  filter?: 'expiring_soon' | 'expired' | 'unapproved' | 'eligible';
  sectionId?: string;
  q?: string;
  today: string;
  warnUntil: string;
  limit: number;
  offset: number;
}

@Injectable()
export class DriversRepository {
  constructor(private readonly tx: TransactionHost) {}

  async findView(userId: string): Promise<DriverRow | null> {
    const rows: DriverRow[] = await this.tx.manager.query(`${DRIVER_VIEW} WHERE d.user_id = $1`, [userId]);
    return rows[0] ?? null;
  }

  async list(f: DriverListFilter): Promise<{ items: DriverRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    switch (f.filter) {
      case 'expiring_soon':
        where.push(`d.licence_expires_on BETWEEN ${p(f.today)}::date AND ${p(f.warnUntil)}::date`);
        break;
      case 'expired':
        where.push(`d.licence_expires_on < ${p(f.today)}::date`);
        break;
      case 'unapproved':
        where.push(`NOT d.approved`);
        break;
      case 'eligible':
        where.push(`d.approved AND u.is_active AND d.licence_expires_on >= ${p(f.today)}::date`);
        break;
      default:
        break;
    }
    if (f.sectionId) where.push(`u.section_id = ${p(f.sectionId)}`);
    if (f.q) {
      const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.display_name ILIKE ${like} OR u.name_kana ILIKE ${like} OR u.employee_number ILIKE ${like})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.tx.manager.query(`SELECT count(*)::int AS n FROM drivers d JOIN users u ON u.id = d.user_id ${clause}`, params);
    const items: DriverRow[] = await this.tx.manager.query(
      `${DRIVER_VIEW} ${clause} ORDER BY d.licence_expires_on, u.name_kana, u.id LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
      params,
    );
    return { items, total: n as number };
  }

  /** Registered drivers of a section, for the booking form's driver picker. */
  sectionDrivers(sectionId: string): Promise<DriverRow[]> {
    return this.tx.manager.query(`${DRIVER_VIEW} WHERE u.section_id = $1 AND u.is_active ORDER BY u.name_kana, u.id`, [sectionId]);
  }

  /**
   * The driver's facts, locked FOR NO KEY UPDATE for the rest of the transaction: bookings of one
   * driver queue one after another (the same reason as the car lock, for the driver's exclusion
   * constraint), and approval or revocation (an UPDATE of the row) cannot slip between the
   * eligibility check and the booking's commit. Lock order everywhere: driver, then car.
   */
  async lockFacts(userId: string): Promise<DriverFactsRow | null> {
    const rows = await this.tx.manager.query(
      `SELECT d.user_id, u.display_name, u.section_id, u.is_active, d.approved, d.licence_expires_on::text AS licence_expires_on
         FROM drivers d JOIN users u ON u.id = d.user_id
        WHERE d.user_id = $1
        FOR NO KEY UPDATE OF d`,
      [userId],
    );
    const r = rows[0] as
      | { user_id: string; display_name: string; section_id: string; is_active: boolean; approved: boolean; licence_expires_on: string }
      | undefined;
    return r
      ? { userId: r.user_id, displayName: r.display_name, sectionId: r.section_id, active: r.is_active, approved: r.approved, licenceExpiresOn: r.licence_expires_on }
      : null;
  }

  findById(userId: string, lock = false): Promise<DriverEntity | null> {
    return this.tx.manager.findOne(DriverEntity, { where: { userId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async userExists(userId: string): Promise<boolean> {
    const rows = await this.tx.manager.query(`SELECT 1 FROM users WHERE id = $1`, [userId]);
    return rows.length > 0;
  }

  async insert(userId: string, values: DriverValues): Promise<void> {
    await this.tx.manager.insert(DriverEntity, { userId, ...values });
  }

  async update(userId: string, patch: Partial<DriverValues> & Partial<Pick<DriverEntity, 'approved' | 'approvedAt' | 'approvedBy'>>): Promise<void> {
    await this.tx.manager.update(DriverEntity, { userId }, patch);
  }

  async delete(userId: string): Promise<void> {
    await this.tx.manager.delete(DriverEntity, { userId });
  }
}
