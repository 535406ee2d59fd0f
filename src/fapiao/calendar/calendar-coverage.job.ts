import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScheduledJob } from '../../common/jobs/scheduled-job.decorator';
import type { DueDateRevisionOutcome } from '../applications/application-due-dates';
import { CalendarArrangements } from './calendar-arrangements.service';
import { WorkingDaysService } from './working-days.service';

/** pg_try_advisory_xact_lock key: one revision at a time across every instance. */
const STALE_DUE_DATES_LOCK_KEY = 7_301_202_621;

/**
 * The calendar's routine: the daily reminder while next year's arrangement is overdue (logged
 * by the one instance that claims the day), and the due dates a confirmation computed on a calendar its
 * instance had not yet heard was published, put right by one instance at a time.
 */
@Injectable()
export class CalendarCoverageJob {
  private readonly logger = new Logger('WorkingDays');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workingDays: WorkingDaysService,
    private readonly arrangements: CalendarArrangements,
  ) {}

  @ScheduledJob({ name: 'calendar-coverage', cron: '0 0 9 * * *', timeZone: 'Asia/Shanghai' })
  async run(): Promise<void> {
    await this.workingDays.checkCalendarCoverage();
  }

  @ScheduledJob({ name: 'calendar-stale-due-dates', cron: '0 */10 * * * *' })
  async reviseStaleDueDates(): Promise<DueDateRevisionOutcome | null> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [STALE_DUE_DATES_LOCK_KEY],
      );
      return locked ? this.arrangements.reviseStaleDueDates(manager) : null;
    });
    if (outcome?.moved || outcome?.confirmed) {
      this.logger.log(
        `Stale provisional due dates: ${outcome.confirmed} confirmed, ${outcome.moved} moved`,
      );
    }
    return outcome;
  }
}
