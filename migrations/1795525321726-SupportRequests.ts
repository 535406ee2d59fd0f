import { MigrationInterface, QueryRunner } from 'typeorm';

export class SupportRequests1795525321726 implements MigrationInterface {
  name = 'SupportRequests1795525321726';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "support_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sequence" BIGSERIAL NOT NULL, "type" character varying(16) NOT NULL, "status" character varying(32) NOT NULL, "version" integer NOT NULL DEFAULT '1', "customer_id" uuid NOT NULL, "account_id" uuid NOT NULL, "contact_email" character varying(254) NOT NULL, "locale" character varying(5) NOT NULL, "order_id" uuid NOT NULL, "order_number" character varying(64) NOT NULL, "bill_amount_fen" bigint NOT NULL, "application_id" uuid, "lines" jsonb, "new_title" jsonb, "message" character varying(2000) NOT NULL, "returned_at" date, "resolution" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_support_requests_retitle_title" CHECK (("type" = 'retitle') = ("new_title" IS NOT NULL)), CONSTRAINT "ck_support_requests_split_lines" CHECK (("type" = 'split') = ("lines" IS NOT NULL)), CONSTRAINT "ck_support_requests_status" CHECK ("status" IN ('open', 'in_progress', 'awaiting_return', 'resolved', 'rejected')), CONSTRAINT "ck_support_requests_type" CHECK ("type" IN ('split', 'retitle', 'not_received', 'other')), CONSTRAINT "PK_a9ce3cdbad0970597a07ab5db97" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_support_requests_sequence" ON "support_requests"  ("sequence") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_support_requests_status" ON "support_requests"  ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_support_requests_application_id" ON "support_requests"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_support_requests_order_id" ON "support_requests"  ("order_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_support_requests_customer_id_created_at" ON "support_requests"  ("customer_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "support_request_history" ("id" BIGSERIAL NOT NULL, "request_id" uuid NOT NULL, "from_status" character varying(32), "to_status" character varying(32) NOT NULL, "kind" character varying(16) NOT NULL DEFAULT 'status', "actor_type" character varying(16) NOT NULL, "actor_id" uuid, "actor_email" character varying(254), "message" character varying(2000), "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_support_request_history_actor_type" CHECK ("actor_type" IN ('customer', 'staff', 'system')), CONSTRAINT "PK_a379aa923c8df59b9544198def7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_support_request_history_request_id_id" ON "support_request_history"  ("request_id", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "support_request_history" ADD CONSTRAINT "fk_support_request_history_request_id" FOREIGN KEY ("request_id") REFERENCES "support_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "support_request_history" DROP CONSTRAINT "fk_support_request_history_request_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_support_request_history_request_id_id"`);
    await queryRunner.query(`DROP TABLE "support_request_history"`);
    await queryRunner.query(`DROP INDEX "public"."ix_support_requests_customer_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_support_requests_order_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_support_requests_application_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_support_requests_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_support_requests_sequence"`);
    await queryRunner.query(`DROP TABLE "support_requests"`);
  }
}
