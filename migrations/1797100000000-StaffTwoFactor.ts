import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff two-factor sign-in: the TOTP secret (encrypted by the app), the last time step used
 * (a code is accepted once), and the recovery codes' hashes (each removed when used).
 */
export class StaffTwoFactor1797100000000 implements MigrationInterface {
  name = 'StaffTwoFactor1797100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_users" ADD "totp_secret_encrypted" text`);
    await queryRunner.query(
      `ALTER TABLE "staff_users" ADD "totp_enrolled_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "staff_users" ADD "totp_last_time_step" integer`);
    await queryRunner.query(
      `ALTER TABLE "staff_users" ADD "recovery_code_hashes" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_users" ADD CONSTRAINT "chk_staff_users_totp_enrolled" CHECK (("totp_secret_encrypted" IS NULL) = ("totp_enrolled_at" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "staff_users" DROP CONSTRAINT "chk_staff_users_totp_enrolled"`,
    );
    await queryRunner.query(`ALTER TABLE "staff_users" DROP COLUMN "recovery_code_hashes"`);
    await queryRunner.query(`ALTER TABLE "staff_users" DROP COLUMN "totp_last_time_step"`);
    await queryRunner.query(`ALTER TABLE "staff_users" DROP COLUMN "totp_enrolled_at"`);
    await queryRunner.query(`ALTER TABLE "staff_users" DROP COLUMN "totp_secret_encrypted"`);
  }
}
