import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a fapiao prints beside its number: the invoice code of a legacy paper fapiao (10 or 12
 * digits; a digital one has none) and the tax rate in basis points (600 = 6%).
 */
export class DocumentTaxDetails1797300100000 implements MigrationInterface {
  name = 'DocumentTaxDetails1797300100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" ADD "invoice_code" character varying(12)`,
    );
    await queryRunner.query(`ALTER TABLE "fapiao_documents" ADD "tax_rate_basis_points" integer`);
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" ADD CONSTRAINT "ck_fapiao_documents_invoice_code" CHECK ("invoice_code" IS NULL OR "invoice_code" ~ '^[0-9]{10}([0-9]{2})?$')`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" ADD CONSTRAINT "ck_fapiao_documents_tax_rate" CHECK ("tax_rate_basis_points" IS NULL OR "tax_rate_basis_points" BETWEEN 0 AND 10000)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" DROP CONSTRAINT "ck_fapiao_documents_tax_rate"`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" DROP CONSTRAINT "ck_fapiao_documents_invoice_code"`,
    );
    await queryRunner.query(`ALTER TABLE "fapiao_documents" DROP COLUMN "tax_rate_basis_points"`);
    await queryRunner.query(`ALTER TABLE "fapiao_documents" DROP COLUMN "invoice_code"`);
  }
}
