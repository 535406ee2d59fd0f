import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When, and by whom, a retitle or split request's new fapiao were issued. The issuing step sets
 * them with a guarded UPDATE (only while still empty), so a repeated or concurrent submit cannot
 * issue a second set of documents, and the one refused can be told who did it and when.
 */
export class SupportRequestDocumentsIssued1796200000000 implements MigrationInterface {
  name = 'SupportRequestDocumentsIssued1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "support_requests" ADD "documents_issued_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_requests" ADD "documents_issued_by" character varying(254)`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_requests" ADD CONSTRAINT "ck_support_requests_documents_issued" CHECK (("documents_issued_at" IS NULL) = ("documents_issued_by" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "support_requests" DROP CONSTRAINT "ck_support_requests_documents_issued"`,
    );
    await queryRunner.query(`ALTER TABLE "support_requests" DROP COLUMN "documents_issued_by"`);
    await queryRunner.query(`ALTER TABLE "support_requests" DROP COLUMN "documents_issued_at"`);
  }
}
