import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery `email` (the digital fapiao's files) beside the paper methods: its addresses, and
 * checks that keep method and addresses together. Existing rows are paper without addresses.
 */
export class EmailDelivery1797200100000 implements MigrationInterface {
  name = 'EmailDelivery1797200100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "fapiao_applications" ADD "shipping_delivery_emails" character varying(254) array`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_applications" ADD CONSTRAINT "ck_fapiao_applications_shipping_method" CHECK ("shipping_method" IN ('email', 'yunda', 'sf_freight_collect', 'pickup'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_applications" ADD CONSTRAINT "ck_fapiao_applications_delivery_emails" CHECK (("shipping_method" = 'email') = (COALESCE(cardinality("shipping_delivery_emails"), 0) > 0))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "fapiao_applications" DROP CONSTRAINT "ck_fapiao_applications_delivery_emails"`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_applications" DROP CONSTRAINT "ck_fapiao_applications_shipping_method"`,
    );
    await queryRunner.query(
      `ALTER TABLE "fapiao_applications" DROP COLUMN "shipping_delivery_emails"`,
    );
  }
}
