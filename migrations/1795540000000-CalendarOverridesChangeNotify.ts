import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells every app instance (NOTIFY calendar_overrides_changed, sent on commit) when the staff
 * overrides of the working-day calendar change, whoever wrote them, so the instances' copies of
 * the calendar (CalendarOverrides) are read again. Per statement: one entry or a whole year's
 * holidays is one notification.
 */
export class CalendarOverridesChangeNotify1795540000000 implements MigrationInterface {
  name = 'CalendarOverridesChangeNotify1795540000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_calendar_overrides_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('calendar_overrides_changed', '');
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_calendar_overrides_changed
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_overrides
      FOR EACH STATEMENT
      EXECUTE FUNCTION notify_calendar_overrides_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_calendar_overrides_changed ON calendar_overrides`);
    await queryRunner.query(`DROP FUNCTION notify_calendar_overrides_changed()`);
  }
}
