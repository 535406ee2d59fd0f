import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795520094897 implements MigrationInterface {
  name = 'Orders1795520094897';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "external_id" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_customers_external_id" ON "customers"  ("external_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_number" character varying(64) NOT NULL, "customer_id" uuid NOT NULL, "contact_email" character varying(254) NOT NULL, "locale" character varying(5) NOT NULL, "items" jsonb NOT NULL, "amount_fen" bigint NOT NULL, "currency" character varying(3) NOT NULL DEFAULT 'CNY', "ordered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "push_hash" character(64) NOT NULL, "fapiao_application_id" uuid, "fapiao_status" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_orders_currency_cny" CHECK ("currency" = 'CNY'), CONSTRAINT "ck_orders_amount_fen_positive" CHECK ("amount_fen" > 0), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_orders_order_number" ON "orders"  ("order_number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_orders_customer_id_ordered_at" ON "orders"  ("customer_id", "ordered_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "payment_reference" character varying(64) NOT NULL, "payer_name" character varying(200) NOT NULL, "amount_fen" bigint NOT NULL, "paid_at" TIMESTAMP WITH TIME ZONE NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, "push_hash" character(64) NOT NULL, CONSTRAINT "ck_payment_records_amount_fen_positive" CHECK ("amount_fen" > 0), CONSTRAINT "PK_1770b3d8261895c6bafd8faef91" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_payment_records_order_id" ON "payment_records"  ("order_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_payment_records_payment_reference" ON "payment_records"  ("payment_reference") `,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "fk_orders_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_records" ADD CONSTRAINT "fk_payment_records_order_id" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "payment_records" DROP CONSTRAINT "fk_payment_records_order_id"`,
    );
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "fk_orders_customer_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_payment_records_payment_reference"`);
    await queryRunner.query(`DROP INDEX "public"."uq_payment_records_order_id"`);
    await queryRunner.query(`DROP TABLE "payment_records"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_customer_id_ordered_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_orders_order_number"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customers_external_id"`);
    await queryRunner.query(`DROP TABLE "customers"`);
  }
}
