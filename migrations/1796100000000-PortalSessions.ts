import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer portal sessions (express-session through connect-pg-simple), apart from the back
 * office's: another cookie, another lifetime, and signing every customer out never touches staff.
 */
export class PortalSessions1796100000000 implements MigrationInterface {
  name = 'PortalSessions1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portal_sessions" ("sid" character varying NOT NULL, "sess" json NOT NULL, "expire" TIMESTAMP(6) NOT NULL, CONSTRAINT "PK_portal_sessions" PRIMARY KEY ("sid"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_portal_sessions_expire" ON "portal_sessions" ("expire")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "portal_sessions"`);
  }
}
