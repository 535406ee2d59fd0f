import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A readable audit log: what an entry concerned as people name it (the order number, the fapiao
 * numbers) and the browser it came from, beside the IP address it already keeps.
 */
export class AuditLogSubjectAndUserAgent1796200100000 implements MigrationInterface {
  name = 'AuditLogSubjectAndUserAgent1796200100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "subject" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "user_agent" character varying(512)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "user_agent"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "subject"`);
  }
}
