import type { DataSource } from 'typeorm';

/**
 * Demo detectors (検知器台帳) of the garage counter (issue #5): two at the 勝山地下駐車場 counter with a
 * passing weekly inspection today, one portable for 直行直帰 checks, and one overdue for its weekly
 * inspection (shown as not selectable, raises a reminder). Idempotent: upserts by serial number and
 * adds an inspection only when the detector has none in the last six days.
 */
export const DEMO_DETECTORS = [
  { serial: 'AL-KATSU-001', model: 'ソシアック SC-103', location: '勝山地下駐車場 車庫窓口', validUntil: '2027-11-30', maxUses: 1000, inspected: true },
  { serial: 'AL-KATSU-002', model: 'ソシアック SC-103', location: '勝山地下駐車場 車庫窓口', validUntil: '2027-11-30', maxUses: 1000, inspected: true },
  { serial: 'AL-MOBILE-01', model: 'タニタ HC-310', location: '総務課（携帯用・直行直帰）', validUntil: '2027-06-30', maxUses: 500, inspected: true },
  { serial: 'AL-SPARE-09', model: 'タニタ HC-310', location: '総務課 予備', validUntil: '2027-03-31', maxUses: 500, inspected: false },
] as const;

export async function loadGarageDemoData(ds: DataSource): Promise<string> {
  const [inspector] = await ds.query(`SELECT id, display_name FROM users WHERE username = 'garage1'`);
  if (!inspector) return 'skipped (no garage1 user)';
  let inspections = 0;
  await ds.transaction(async (m) => {
    for (const d of DEMO_DETECTORS) {
      const [row] = await m.query(
        `INSERT INTO alcohol_detectors (serial_number, model, location, valid_until, max_uses) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (serial_number) DO UPDATE SET model = EXCLUDED.model, location = EXCLUDED.location RETURNING id`,
        [d.serial, d.model, d.location, d.validUntil, d.maxUses],
      );
      if (!d.inspected) continue;
      const recent = await m.query(`SELECT 1 FROM detector_inspections WHERE detector_id = $1 AND kind = 'weekly' AND passed AND inspected_at > now() - interval '6 days'`, [row.id]);
      if (recent.length > 0) continue;
      await m.query(
        `INSERT INTO detector_inspections (detector_id, kind, inspected_at, inspector_id, inspector_name, power_ok, no_damage, detects_alcohol, no_false_positive, passed, notes)
         VALUES ($1, 'weekly', now(), $2, $3, true, true, true, true, true, 'デモデータ: 週次点検（アルコール含有物で反応・非飲酒者で反応なし）')`,
        [row.id, inspector.id, inspector.display_name],
      );
      inspections++;
    }
  });
  return `${DEMO_DETECTORS.length} detectors, ${inspections} new inspections`;
}
