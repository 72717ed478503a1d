import type { DataSource } from 'typeorm';

/**
 * Demo data of after-hours AC (issue #7): the main building (本庁舎, 15 floors) and the annex (別館)
 * with one AC zone per wing and floor — codes match the rooms' zone_code (3F-east, 3F-west, A1F…) —
 * normal hours 08:30–17:15 on business days, ¥30,000/h, and this fiscal year's budget
 * (the seed report's example: 4 h × 20 days × 6 months ≈ ¥14.4M). Idempotent (ON CONFLICT DO NOTHING).
 */
export async function loadAcDemoData(ds: DataSource): Promise<string> {
  let zones = 0;
  await ds.transaction(async (m) => {
    const building = async (code: string, name: string, sortOrder: number) => {
      await m.query(`INSERT INTO ac_buildings (code, name, sort_order) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`, [code, name, sortOrder]);
      return (await m.query(`SELECT id FROM ac_buildings WHERE code = $1`, [code]))[0].id as string;
    };
    const floor = async (buildingId: string, level: number, name: string) => {
      await m.query(`INSERT INTO ac_floors (building_id, level, name) VALUES ($1, $2, $3) ON CONFLICT (building_id, level) DO NOTHING`, [buildingId, level, name]);
      return (await m.query(`SELECT id FROM ac_floors WHERE building_id = $1 AND level = $2`, [buildingId, level]))[0].id as string;
    };
    const zone = async (floorId: string, code: string, name: string, sortOrder: number) => {
      const inserted = await m.query(
        `INSERT INTO ac_zones (floor_id, code, name, business_start_minute, business_end_minute, sort_order) VALUES ($1, $2, $3, 510, 1035, $4)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [floorId, code, name, sortOrder],
      );
      if (inserted.length === 0) return;
      zones++;
      await m.query(`INSERT INTO ac_zone_rates (zone_id, valid_from, yen_per_hour) VALUES ($1, '2000-01-01', 30000) ON CONFLICT DO NOTHING`, [inserted[0].id]);
    };
    const main = await building('MAIN', '本庁舎', 1);
    for (let level = 1; level <= 15; level++) {
      const f = await floor(main, level, `${level}階`);
      await zone(f, `${level}F-east`, `本庁舎${level}階 東`, 1);
      await zone(f, `${level}F-west`, `本庁舎${level}階 西`, 2);
    }
    const annex = await building('ANNEX', '別館', 2);
    await zone(await floor(annex, 1, '1階'), 'A1F', '別館1階', 1);
    const now = new Date(Date.now() + 9 * 3_600_000);
    const fiscalYear = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    await m.query(`INSERT INTO ac_budgets (fiscal_year, yen) VALUES ($1, 14400000) ON CONFLICT DO NOTHING`, [fiscalYear]);
  });
  return `${zones} new zones (本庁舎 1–15階 東/西, 別館1階), ¥30,000/h, budget ¥14,400,000 for this fiscal year`;
}
