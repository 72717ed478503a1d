import type { DataSource } from 'typeorm';

/** Demo data of after-hours AC (issue #7): buildings, floors, AC zones with rates, a few requests. Idempotent. */
export async function loadAcDemoData(_ds: DataSource): Promise<string> {
  return 'none yet';
}
