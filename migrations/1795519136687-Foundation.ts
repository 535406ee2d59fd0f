import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795519136687 implements MigrationInterface {
  name = 'Foundation1795519136687';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."staff_role" AS ENUM('admin', 'service_center', 'support')`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "display_name" character varying(100) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" "public"."staff_role" NOT NULL, "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c6b167335377df69f7910c2c75e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_staff_users_email" ON "staff_users"  ("email") `,
    );
    // Back-office sessions (connect-pg-simple's schema); not an entity.
    await queryRunner.query(
      `CREATE TABLE "admin_sessions" ("sid" character varying NOT NULL, "sess" json NOT NULL, "expire" TIMESTAMP(6) NOT NULL, CONSTRAINT "PK_admin_sessions" PRIMARY KEY ("sid"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_admin_sessions_expire" ON "admin_sessions" ("expire")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "admin_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_staff_users_email"`);
    await queryRunner.query(`DROP TABLE "staff_users"`);
    await queryRunner.query(`DROP TYPE "public"."staff_role"`);
  }
}
