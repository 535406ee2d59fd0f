import { MigrationInterface, QueryRunner } from 'typeorm';

/** Account tokens of a new purpose: the mailed sign-in link. */
export class SignInLinkTokens1796300100000 implements MigrationInterface {
  name = 'SignInLinkTokens1796300100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."account_token_purpose" ADD VALUE 'sign_in'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop an enum value: the type is made again without it.
    await queryRunner.query(`DELETE FROM "account_tokens" WHERE "purpose" = 'sign_in'`);
    await queryRunner.query(
      `ALTER TYPE "public"."account_token_purpose" RENAME TO "account_token_purpose_old"`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."account_token_purpose" AS ENUM('activation', 'password_reset', 'email_change')`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_tokens" ALTER COLUMN "purpose" TYPE "public"."account_token_purpose" USING "purpose"::"text"::"public"."account_token_purpose"`,
    );
    await queryRunner.query(`DROP TYPE "public"."account_token_purpose_old"`);
  }
}
