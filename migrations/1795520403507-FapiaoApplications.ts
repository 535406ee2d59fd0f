import { MigrationInterface, QueryRunner } from 'typeorm';

export class FapiaoApplications1795520403507 implements MigrationInterface {
  name = 'FapiaoApplications1795520403507';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_overrides" ("date" date NOT NULL, "working" boolean NOT NULL, "note" character varying(200), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5da0adcfdcb3ce929cd0845d9a4" PRIMARY KEY ("date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "out_of_use_periods" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "expected_issue_date" date NOT NULL, "notice_zh" character varying(1000) NOT NULL, "notice_en" character varying(1000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_out_of_use_periods_ends_after_start" CHECK ("ends_at" IS NULL OR "ends_at" > "starts_at"), CONSTRAINT "PK_2377ecbc08b0767272f70bcb6c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_out_of_use_periods_starts_at" ON "out_of_use_periods"  ("starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fapiao_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "order_number" character varying(64) NOT NULL, "customer_id" uuid NOT NULL, "account_id" uuid NOT NULL, "contact_email" character varying(254) NOT NULL, "locale" character varying(5) NOT NULL, "type" character varying(16) NOT NULL, "purpose" character varying(32) NOT NULL DEFAULT 'none', "amount_fen" bigint NOT NULL, "status" character varying(32) NOT NULL, "version" integer NOT NULL DEFAULT '1', "submitted_at" TIMESTAMP WITH TIME ZONE, "due_date" date, "expected_issue_date" date, "on_hold_period_id" uuid, "carrier" character varying(50), "tracking_number" character varying(64), "rejection_reason" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title_buyer_name" character varying(200) NOT NULL, "title_tax_id" character varying(18), "title_address" character varying(300), "title_phone" character varying(40), "title_bank_name" character varying(200), "title_bank_account" character varying(40), "shipping_method" character varying(32) NOT NULL, "shipping_recipient" character varying(100), "shipping_phone" character varying(40), "shipping_province" character varying(50), "shipping_city" character varying(50), "shipping_district" character varying(50), "shipping_address" character varying(300), "shipping_postal_code" character varying(6), CONSTRAINT "ck_fapiao_applications_status" CHECK ("status" IN ('draft', 'submitted', 'processing', 'on_hold', 'issued', 'mailed_out', 'ready_for_pickup', 'picked_up', 'cancelled', 'rejected')), CONSTRAINT "ck_fapiao_applications_purpose" CHECK ("purpose" IN ('none', 'purchase_certificate', 'refund')), CONSTRAINT "ck_fapiao_applications_type" CHECK ("type" IN ('normal', 'special')), CONSTRAINT "ck_fapiao_applications_amount_fen_positive" CHECK ("amount_fen" > 0), CONSTRAINT "PK_7ae91e1b1c817a88338c4637b5c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fapiao_applications_status" ON "fapiao_applications"  ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fapiao_applications_account_id_submitted_at" ON "fapiao_applications"  ("account_id", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fapiao_applications_customer_id_created_at" ON "fapiao_applications"  ("customer_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fapiao_applications_order_id" ON "fapiao_applications"  ("order_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fapiao_applications_order_id_holding" ON "fapiao_applications"  ("order_id") WHERE "status" NOT IN ('draft', 'cancelled', 'rejected')`,
    );
    await queryRunner.query(
      `CREATE TABLE "application_history" ("id" BIGSERIAL NOT NULL, "application_id" uuid NOT NULL, "from_status" character varying(32), "to_status" character varying(32) NOT NULL, "actor_type" character varying(16) NOT NULL, "actor_id" uuid, "actor_email" character varying(254), "remark" character varying(1000), "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_application_history_actor_type" CHECK ("actor_type" IN ('customer', 'staff', 'system')), CONSTRAINT "PK_cfaef81d8ab33ced714ecda2486" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_history_application_id_id" ON "application_history"  ("application_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fapiao_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "number" character varying(32) NOT NULL, "issue_date" date NOT NULL, "amount_fen" bigint NOT NULL, "tax_amount_fen" bigint NOT NULL, "buyer_title" jsonb NOT NULL, "reverses_document_id" uuid, "issued_by_staff_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_fapiao_documents_blue_amounts" CHECK ("kind" = 'red' OR ("amount_fen" > 0 AND "tax_amount_fen" >= 0)), CONSTRAINT "ck_fapiao_documents_red_reverses_blue" CHECK (("kind" = 'red') = ("reverses_document_id" IS NOT NULL)), CONSTRAINT "ck_fapiao_documents_kind" CHECK ("kind" IN ('blue', 'red')), CONSTRAINT "PK_43f7056e7b99b85a77c3012e074" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fapiao_documents_number" ON "fapiao_documents"  ("number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fapiao_documents_reverses_document_id" ON "fapiao_documents"  ("reverses_document_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fapiao_documents_application_id" ON "fapiao_documents"  ("application_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "application_history" ADD CONSTRAINT "fk_application_history_application_id" FOREIGN KEY ("application_id") REFERENCES "fapiao_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" ADD CONSTRAINT "fk_fapiao_documents_application_id" FOREIGN KEY ("application_id") REFERENCES "fapiao_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" ADD CONSTRAINT "fk_fapiao_documents_reverses_document_id" FOREIGN KEY ("reverses_document_id") REFERENCES "fapiao_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" DROP CONSTRAINT "fk_fapiao_documents_reverses_document_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_documents" DROP CONSTRAINT "fk_fapiao_documents_application_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_history" DROP CONSTRAINT "fk_application_history_application_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_fapiao_documents_application_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_fapiao_documents_reverses_document_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_fapiao_documents_number"`);
    await queryRunner.query(`DROP TABLE "fapiao_documents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_history_application_id_id"`);
    await queryRunner.query(`DROP TABLE "application_history"`);
    await queryRunner.query(`DROP INDEX "public"."uq_fapiao_applications_order_id_holding"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fapiao_applications_order_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fapiao_applications_customer_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fapiao_applications_account_id_submitted_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fapiao_applications_status"`);
    await queryRunner.query(`DROP TABLE "fapiao_applications"`);
    await queryRunner.query(`DROP INDEX "public"."ix_out_of_use_periods_starts_at"`);
    await queryRunner.query(`DROP TABLE "out_of_use_periods"`);
    await queryRunner.query(`DROP TABLE "calendar_overrides"`);
  }
}
