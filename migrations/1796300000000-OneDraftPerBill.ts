import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One open draft per bill, as a unique index on the draft's bill (null for other statuses, and
 * nulls never conflict). Not a partial index on status: the planner would take one for
 * `status = 'draft'` (see StatusIndexWithoutDrafts). Drafts made before the rule are resolved first: the newest draft of
 * each bill stays, the older ones are cancelled with a history entry by the system, so nothing
 * that was written disappears.
 */
export class OneDraftPerBill1796300000000 implements MigrationInterface {
  name = 'OneDraftPerBill1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `WITH older AS (
         SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY order_id ORDER BY created_at DESC, id DESC) AS rank
             FROM fapiao_applications WHERE status = 'draft') ranked
          WHERE rank > 1
       ), cancelled AS (
         UPDATE fapiao_applications a
            SET status = 'cancelled', version = a.version + 1, updated_at = now()
           FROM older WHERE a.id = older.id
         RETURNING a.id
       )
       INSERT INTO application_history (application_id, from_status, to_status, actor_type, remark, at)
       SELECT id, 'draft', 'cancelled', 'system', 'A newer draft of the same bill replaced it.', now()
         FROM cancelled`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_fapiao_applications_draft_order_id" ON "fapiao_applications" ((CASE WHEN status = 'draft' THEN order_id END))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_fapiao_applications_draft_order_id"`);
  }
}
