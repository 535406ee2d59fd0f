import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Red-letter confirmation forms (红字发票信息确认单) for reversing digital fapiao, and their
 * history; states and reason codes are checked here, and one open form per original document.
 */
export class RedLetterForms1797400000000 implements MigrationInterface {
  name = 'RedLetterForms1797400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "red_letter_forms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "support_request_id" uuid NOT NULL, "application_id" uuid NOT NULL, "original_document_id" uuid NOT NULL, "original_number" character varying(32) NOT NULL, "reason_code" character varying(2) NOT NULL, "amount_fen" bigint NOT NULL, "status" character varying(20) NOT NULL, "needs_buyer_confirmation" boolean NOT NULL, "deadline_at" TIMESTAMP WITH TIME ZONE, "confirmed_at" TIMESTAMP WITH TIME ZONE, "red_document_id" uuid, "created_by_staff_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_red_letter_forms_red_document" CHECK ("red_document_id" IS NULL OR "status" = 'confirmed'), CONSTRAINT "ck_red_letter_forms_deadline" CHECK ("status" <> 'waiting_for_buyer' OR ("needs_buyer_confirmation" AND "deadline_at" IS NOT NULL)), CONSTRAINT "ck_red_letter_forms_amount" CHECK ("amount_fen" > 0), CONSTRAINT "ck_red_letter_forms_reason_code" CHECK ("reason_code" IN ('01', '02', '03', '04')), CONSTRAINT "ck_red_letter_forms_status" CHECK ("status" IN ('waiting_for_buyer', 'confirmed', 'lapsed', 'void')), CONSTRAINT "pk_red_letter_forms" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_red_letter_forms_red_document_id" ON "red_letter_forms" ("red_document_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_red_letter_forms_deadline_at" ON "red_letter_forms" ("deadline_at") WHERE "status" = 'waiting_for_buyer'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_red_letter_forms_application_id" ON "red_letter_forms" ("application_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_red_letter_forms_support_request_id" ON "red_letter_forms" ("support_request_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_red_letter_forms_open_document" ON "red_letter_forms" ("original_document_id") WHERE "status" IN ('waiting_for_buyer', 'confirmed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "red_letter_form_history" ("id" BIGSERIAL NOT NULL, "form_id" uuid NOT NULL, "from_status" character varying(20), "to_status" character varying(20) NOT NULL, "actor_type" character varying(16) NOT NULL, "actor_id" uuid, "actor_email" character varying(254), "message" character varying(1000), "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_red_letter_form_history_to_status" CHECK ("to_status" IN ('waiting_for_buyer', 'confirmed', 'lapsed', 'void')), CONSTRAINT "ck_red_letter_form_history_actor_type" CHECK ("actor_type" IN ('customer', 'staff', 'system')), CONSTRAINT "pk_red_letter_form_history" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_red_letter_form_history_form_id_id" ON "red_letter_form_history" ("form_id", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "red_letter_forms" ADD CONSTRAINT "fk_red_letter_forms_support_request_id" FOREIGN KEY ("support_request_id") REFERENCES "support_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "red_letter_forms" ADD CONSTRAINT "fk_red_letter_forms_application_id" FOREIGN KEY ("application_id") REFERENCES "fapiao_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "red_letter_forms" ADD CONSTRAINT "fk_red_letter_forms_original_document_id" FOREIGN KEY ("original_document_id") REFERENCES "fapiao_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "red_letter_forms" ADD CONSTRAINT "fk_red_letter_forms_red_document_id" FOREIGN KEY ("red_document_id") REFERENCES "fapiao_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "red_letter_form_history" ADD CONSTRAINT "fk_red_letter_form_history_form_id" FOREIGN KEY ("form_id") REFERENCES "red_letter_forms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "red_letter_form_history"`);
    await queryRunner.query(`DROP TABLE "red_letter_forms"`);
  }
}
