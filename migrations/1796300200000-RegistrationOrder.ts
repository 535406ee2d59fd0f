import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts remember the order they were registered with, so activating one registration can
 * close the other pending registrations of that order; `superseded_at` marks those.
 * Registrations from before stay without an order (nothing to close them by).
 */
export class RegistrationOrder1796300200000 implements MigrationInterface {
  name = 'RegistrationOrder1796300200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "customer_accounts" ADD "registration_order_id" uuid, ADD "superseded_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_customer_accounts_pending_order" ON "customer_accounts" ("registration_order_id") WHERE "status" = 'pending'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_customer_accounts_pending_order"`);
    await queryRunner.query(
      `ALTER TABLE "customer_accounts" DROP COLUMN "superseded_at", DROP COLUMN "registration_order_id"`,
    );
  }
}
