import { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers report accounts of their company they do not know; support sees when. */
export class AccountReports1796300300000 implements MigrationInterface {
  name = 'AccountReports1796300300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "reported_by_account_id" uuid NOT NULL, "message" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_account_reports" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_account_reports_account_reporter" ON "account_reports" ("account_id", "reported_by_account_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_accounts" ADD "reported_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_accounts" DROP COLUMN "reported_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_account_reports_account_reporter"`);
    await queryRunner.query(`DROP TABLE "account_reports"`);
  }
}
