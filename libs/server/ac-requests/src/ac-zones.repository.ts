import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@rr/server/persistence';

export interface AcZoneRow {
  id: string;
  code: string;
  name: string;
  floor_id: string;
  floor_level: number;
  floor_name: string;
  building_id: string;
  building_name: string;
  business_start_minute: number | null;
  business_end_minute: number | null;
  closed_start_minute: number | null;
  closed_end_minute: number | null;
  active: boolean;
  /** [{validFrom, yenPerHour}] */
  rates: Array<{ validFrom: string; yenPerHour: number }>;
}

export interface AcBuildingRow {
  id: string;
  code: string;
  name: string;
  floors: Array<{ id: string; level: number; name: string }>;
}

export interface AcSettingsRow {
  deadline_business_days: number;
  deadline_time: string;
  urgent_reasons: string[];
  reminder_after_hours: number;
}

export interface ZoneValues {
  floorId: string;
  code: string;
  name: string;
  businessStart: number | null;
  businessEnd: number | null;
  closedStart: number | null;
  closedEnd: number | null;
}

const ZONE_SELECT = `
  SELECT z.id, z.code, z.name, z.floor_id, f.level AS floor_level, f.name AS floor_name, b.id AS building_id, b.name AS building_name,
         z.business_start_minute, z.business_end_minute, z.closed_start_minute, z.closed_end_minute, z.active,
         COALESCE((SELECT json_agg(json_build_object('validFrom', to_char(r.valid_from, 'YYYY-MM-DD'), 'yenPerHour', r.yen_per_hour) ORDER BY r.valid_from)
                     FROM ac_zone_rates r WHERE r.zone_id = z.id), '[]'::json) AS rates
    FROM ac_zones z JOIN ac_floors f ON f.id = z.floor_id JOIN ac_buildings b ON b.id = f.building_id`;
const ZONE_ORDER = `ORDER BY b.sort_order, b.code COLLATE "C", f.level, z.sort_order, z.code COLLATE "C"`;

/** Buildings, floors, zones, rates, settings and budgets of after-hours AC. */
@Injectable()
export class AcZonesRepository {
  constructor(private readonly tx: TransactionHost) {}

  listZones(opts: { includeInactive?: boolean; ids?: string[] } = {}): Promise<AcZoneRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!opts.includeInactive) where.push('z.active');
    if (opts.ids) {
      params.push(opts.ids);
      where.push(`z.id = ANY($${params.length}::uuid[])`);
    }
    return this.tx.manager.query(`${ZONE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ZONE_ORDER}`, params);
  }

  async findZone(id: string): Promise<AcZoneRow | null> {
    const rows: AcZoneRow[] = await this.tx.manager.query(`${ZONE_SELECT} WHERE z.id = $1`, [id]);
    return rows[0] ?? null;
  }

  listBuildings(): Promise<AcBuildingRow[]> {
    return this.tx.manager.query(
      `SELECT b.id, b.code, b.name,
              COALESCE((SELECT json_agg(json_build_object('id', f.id, 'level', f.level, 'name', f.name) ORDER BY f.level) FROM ac_floors f WHERE f.building_id = b.id), '[]'::json) AS floors
         FROM ac_buildings b ORDER BY b.sort_order, b.code COLLATE "C"`,
    );
  }

  async insertBuilding(code: string, name: string): Promise<string> {
    const [row] = await this.tx.manager.query(`INSERT INTO ac_buildings (code, name) VALUES ($1, $2) RETURNING id`, [code, name]);
    return row.id;
  }

  async insertFloor(buildingId: string, level: number, name: string): Promise<string> {
    const [row] = await this.tx.manager.query(`INSERT INTO ac_floors (building_id, level, name) VALUES ($1, $2, $3) RETURNING id`, [buildingId, level, name]);
    return row.id;
  }

  async insertZone(v: ZoneValues): Promise<string> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO ac_zones (floor_id, code, name, business_start_minute, business_end_minute, closed_start_minute, closed_end_minute)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [v.floorId, v.code, v.name, v.businessStart, v.businessEnd, v.closedStart, v.closedEnd],
    );
    return row.id;
  }

  async lockZone(id: string): Promise<boolean> {
    const rows = await this.tx.manager.query(`SELECT id FROM ac_zones WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length > 0;
  }

  async updateZone(id: string, patch: { name?: string; active?: boolean; hours?: Omit<ZoneValues, 'floorId' | 'code' | 'name'> }): Promise<void> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (patch.name !== undefined) set('name', patch.name);
    if (patch.active !== undefined) set('active', patch.active);
    if (patch.hours) {
      set('business_start_minute', patch.hours.businessStart);
      set('business_end_minute', patch.hours.businessEnd);
      set('closed_start_minute', patch.hours.closedStart);
      set('closed_end_minute', patch.hours.closedEnd);
    }
    await this.tx.manager.query(`UPDATE ac_zones SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async insertRate(zoneId: string, validFrom: string, yenPerHour: number, createdBy: string | null): Promise<void> {
    await this.tx.manager.query(`INSERT INTO ac_zone_rates (zone_id, valid_from, yen_per_hour, created_by) VALUES ($1, $2, $3, $4)`, [zoneId, validFrom, yenPerHour, createdBy]);
  }

  async settings(): Promise<AcSettingsRow> {
    const [row] = await this.tx.manager.query(`SELECT deadline_business_days, deadline_time, urgent_reasons, reminder_after_hours FROM ac_settings WHERE id = 1`);
    return row;
  }

  async updateSettings(patch: Partial<{ deadlineBusinessDays: number; deadlineTime: string; urgentReasons: string[]; reminderAfterHours: number }>): Promise<void> {
    await this.tx.manager.query(
      `UPDATE ac_settings SET
         deadline_business_days = COALESCE($1, deadline_business_days),
         deadline_time = COALESCE($2, deadline_time),
         urgent_reasons = COALESCE($3::text[], urgent_reasons),
         reminder_after_hours = COALESCE($4, reminder_after_hours),
         updated_at = now()
       WHERE id = 1`,
      [patch.deadlineBusinessDays ?? null, patch.deadlineTime ?? null, patch.urgentReasons ?? null, patch.reminderAfterHours ?? null],
    );
  }

  async budget(fiscalYear: number): Promise<number | null> {
    const rows: Array<{ yen: string }> = await this.tx.manager.query(`SELECT yen FROM ac_budgets WHERE fiscal_year = $1`, [fiscalYear]);
    return rows[0] ? Number(rows[0].yen) : null;
  }

  async putBudget(fiscalYear: number, yen: number): Promise<number | null> {
    const before = await this.budget(fiscalYear);
    await this.tx.manager.query(
      `INSERT INTO ac_budgets (fiscal_year, yen) VALUES ($1, $2) ON CONFLICT (fiscal_year) DO UPDATE SET yen = EXCLUDED.yen, updated_at = now()`,
      [fiscalYear, yen],
    );
    return before;
  }
}
