import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerAccounts1795520301762 implements MigrationInterface {
  name = 'CustomerAccounts1795520301762';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Rate-limit counters shared by all instances (src/common/throttling).
    await queryRunner.query(
      `CREATE TABLE "throttle_buckets" ("throttler" character varying(100) NOT NULL, "key" character varying(128) NOT NULL, "hits" integer NOT NULL, "window_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_646a58cc56b59116d3cac0abbaa" PRIMARY KEY ("throttler", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_throttle_buckets_window" ON "throttle_buckets"  ("window_expires_at") `,
    );
    // Customer accounts and their one-time link tokens (src/auth/customer).
    await queryRunner.query(
      `CREATE TYPE "public"."account_token_purpose" AS ENUM('activation', 'password_reset', 'email_change')`,
    );
    await queryRunner.query(
      `CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "purpose" "public"."account_token_purpose" NOT NULL, "token_hash" character(64) NOT NULL, "new_email" character varying(254), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_account_tokens_hash" ON "account_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_account_tokens_account_purpose" ON "account_tokens"  ("account_id", "purpose") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."customer_account_status" AS ENUM('pending', 'active', 'disabled', 'expired')`,
    );
    await queryRunner.query(
      `CREATE TABLE "customer_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "status" "public"."customer_account_status" NOT NULL, "locale" character varying(10) NOT NULL, "token_version" integer NOT NULL DEFAULT '0', "activated_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_814e5a9128d2a2fffbddffc0a27" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_customer_accounts_pending" ON "customer_accounts"  ("id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_customer_accounts_customer" ON "customer_accounts"  ("customer_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_customer_accounts_email_live" ON "customer_accounts"  ("email") WHERE "status" <> 'expired'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_customer_accounts_email_live"`);
    await queryRunner.query(`DROP INDEX "public"."idx_customer_accounts_customer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_customer_accounts_pending"`);
    await queryRunner.query(`DROP TABLE "customer_accounts"`);
    await queryRunner.query(`DROP TYPE "public"."customer_account_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_account_tokens_account_purpose"`);
    await queryRunner.query(`DROP INDEX "public"."uq_account_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "account_tokens"`);
    await queryRunner.query(`DROP TYPE "public"."account_token_purpose"`);
    await queryRunner.query(`DROP INDEX "public"."idx_throttle_buckets_window"`);
    await queryRunner.query(`DROP TABLE "throttle_buckets"`);
  }
}
