import { MigrationInterface, QueryRunner } from 'typeorm';

/** Garage counter (issue #5): alcohol-check records, detectors, key handovers, driving logs. */
export class AddGarageCounter1795300006000 implements MigrationInterface {
  name = 'AddGarageCounter1795300006000';

  async up(_q: QueryRunner): Promise<void> {
    // filled by the garage feature
  }

  async down(_q: QueryRunner): Promise<void> {
    // filled by the garage feature
  }
}
