import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailOutbox1795520298515 implements MigrationInterface {
  name = 'MailOutbox1795520298515';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedupe_key" character varying(200) NOT NULL, "recipient" character varying(320) NOT NULL, "locale" character varying(8) NOT NULL, "template" character varying(64) NOT NULL, "subject" character varying(500) NOT NULL, "html_body" text NOT NULL, "text_body" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_mail_outbox_attempts" CHECK ("attempts" >= 0), CONSTRAINT "ck_mail_outbox_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'failed')), CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_failed" ON "mail_outbox"  ("created_at") WHERE "status" = 'failed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_sending_lease" ON "mail_outbox"  ("locked_until") WHERE "status" = 'sending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_pending_due" ON "mail_outbox"  ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_outbox_dedupe_key" ON "mail_outbox"  ("dedupe_key") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_mail_outbox_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_pending_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_sending_lease"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_failed"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
  }
}
