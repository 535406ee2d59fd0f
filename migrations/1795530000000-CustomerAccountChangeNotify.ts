import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells every app instance (NOTIFY customer_account_changed, payload = account id, sent on
 * commit) when an active account changes in a way that matters to its signed-in sessions, so the
 * instances' caches of authenticated accounts drop it, whoever wrote the change. Only rows that
 * were active: other accounts cannot be in those caches, and the activation-expiry job updates
 * 100,000 pending rows at once.
 */
export class CustomerAccountChangeNotify1795530000000 implements MigrationInterface {
  name = 'CustomerAccountChangeNotify1795530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_customer_account_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('customer_account_changed', OLD.id::text);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_customer_accounts_changed
      AFTER UPDATE ON customer_accounts
      FOR EACH ROW
      WHEN (OLD.status = 'active'
            AND (OLD.status, OLD.token_version, OLD.email, OLD.locale, OLD.customer_id)
                IS DISTINCT FROM
                (NEW.status, NEW.token_version, NEW.email, NEW.locale, NEW.customer_id))
      EXECUTE FUNCTION notify_customer_account_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER trg_customer_accounts_deleted
      AFTER DELETE ON customer_accounts
      FOR EACH ROW
      WHEN (OLD.status = 'active')
      EXECUTE FUNCTION notify_customer_account_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_customer_accounts_deleted ON customer_accounts`);
    await queryRunner.query(`DROP TRIGGER trg_customer_accounts_changed ON customer_accounts`);
    await queryRunner.query(`DROP FUNCTION notify_customer_account_changed()`);
  }
}
