import type { DataSource } from 'typeorm';

/** Demo data of the garage counter (issue #5): detectors (検知器台帳) and their inspections. Idempotent. */
export async function loadGarageDemoData(_ds: DataSource): Promise<string> {
  return 'none yet';
}
