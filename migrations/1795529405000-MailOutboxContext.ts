import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox stores what a mail is rendered from (`context`) instead of its rendered bodies; the
 * dispatcher renders at send time. Rows enqueued before this migration have no context, so their
 * bodies are kept, as `legacy_html_body` / `legacy_text_body`, and sent as they are: no pending,
 * sending or failed mail is lost by upgrading. Those columns are NULL for every newer row and are
 * cleared once a mail is sent; a later migration can drop them when no unsent row uses them.
 *
 * `down` gives the bodies back to sent rows only (as the empty strings they were): a mail that is
 * not sent yet and has only a context cannot be rendered in SQL, so `down` refuses to run while
 * one exists (dispatch them first, or delete the failed ones) rather than send empty mails.
 */
export class MailOutboxContext1795529405000 implements MigrationInterface {
  name = 'MailOutboxContext1795529405000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The default fills existing rows without a rewrite; new rows must always give a context.
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "context" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ALTER COLUMN "context" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" RENAME COLUMN "html_body" TO "legacy_html_body"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" RENAME COLUMN "text_body" TO "legacy_text_body"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ALTER COLUMN "legacy_html_body" DROP NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ALTER COLUMN "legacy_text_body" DROP NOT NULL`,
    );
    // Sent rows had their bodies cleared to ''; NULL is what "nothing stored" means from now on.
    await queryRunner.query(
      `UPDATE "mail_outbox" SET "legacy_html_body" = NULL, "legacy_text_body" = NULL
        WHERE "status" = 'sent'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const [{ unsent }]: { unsent: number }[] = await queryRunner.query(
      `SELECT count(*)::int AS unsent FROM "mail_outbox"
        WHERE "status" <> 'sent' AND "legacy_html_body" IS NULL`,
    );
    if (unsent > 0) {
      throw new Error(
        `Cannot revert MailOutboxContext: ${unsent} unsent mail(s) have a context but no rendered ` +
          'bodies, which the previous version needs. Dispatch them (or delete the failed ones) first.',
      );
    }
    await queryRunner.query(
      `UPDATE "mail_outbox" SET "legacy_html_body" = '', "legacy_text_body" = ''
        WHERE "legacy_html_body" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ALTER COLUMN "legacy_text_body" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ALTER COLUMN "legacy_html_body" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" RENAME COLUMN "legacy_text_body" TO "text_body"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" RENAME COLUMN "legacy_html_body" TO "html_body"`,
    );
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "context"`);
  }
}
