import { MigrationInterface, QueryRunner } from 'typeorm';

/** Saved fapiao titles of a customer, one of them the default. */
export class TitleProfiles1797200200000 implements MigrationInterface {
  name = 'TitleProfiles1797200200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "title_profiles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "buyer_name" character varying(200) NOT NULL, "tax_id" character varying(20), "address" character varying(300), "phone" character varying(40), "bank_name" character varying(200), "bank_account" character varying(40), "is_default" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_title_profiles_kind" CHECK ("kind" IN ('company', 'individual')), CONSTRAINT "PK_title_profiles" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_title_profiles_customer_id_default" ON "title_profiles" ("customer_id") WHERE "is_default"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_title_profiles_customer_id_created_at" ON "title_profiles" ("customer_id", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "title_profiles"`);
  }
}
