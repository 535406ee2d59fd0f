import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1795520211222 implements MigrationInterface {
  name = 'AuditLog1795520211222';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid, "staff_email" character varying(254), "action" character varying(64) NOT NULL, "resource" character varying(64), "record_id" character varying(64), "before" jsonb, "after" jsonb, "ip" character varying(45), "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_log_ip_action_at" ON "audit_log"  ("ip", "action", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_log_staff_email_action_at" ON "audit_log"  ("staff_email", "action", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_log_record" ON "audit_log"  ("resource", "record_id") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_log_at" ON "audit_log"  ("at") `);
    // Append-only, whoever asks: the database itself refuses to change or remove entries.
    await queryRunner.query(`CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_log_no_truncate" ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_append_only" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_refuse_change"()`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_record"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_staff_email_action_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_ip_action_at"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
