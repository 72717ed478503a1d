import { MigrationInterface, QueryRunner } from 'typeorm';

/** After-hours AC (issue #7): zones, rates, requests, approval steps, operating instructions. */
export class AddAcExtension1795300007000 implements MigrationInterface {
  name = 'AddAcExtension1795300007000';

  async up(_q: QueryRunner): Promise<void> {
    // filled by the AC feature
  }

  async down(_q: QueryRunner): Promise<void> {
    // filled by the AC feature
  }
}
