import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tax platforms accept 20-character taxpayer IDs (foreign entities), longer than the
 * 18 the column held. Stored IDs were already upper-case and trimmed: nothing to rewrite.
 */
export class TaxpayerIdLength1797200000000 implements MigrationInterface {
  name = 'TaxpayerIdLength1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "fapiao_applications" ALTER COLUMN "title_tax_id" TYPE character varying(20)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "fapiao_applications" ALTER COLUMN "title_tax_id" TYPE character varying(18)`,
    );
  }
}
