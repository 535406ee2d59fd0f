import { MigrationInterface, QueryRunner } from 'typeorm';

/** Order contact emails are stored lower-cased (as the service now writes them). */
export class ContactEmailLowerCase1796300400000 implements MigrationInterface {
  name = 'ContactEmailLowerCase1796300400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "orders" SET "contact_email" = lower("contact_email") WHERE "contact_email" <> lower("contact_email")`,
    );
  }

  public async down(): Promise<void> {
    // The original spelling is not kept; lower-cased addresses deliver the same.
  }
}
