import { DiscoveryService } from '@nestjs/core';

export interface ScheduledJobOptions {
  /** Stable name: the key of its runs in `scheduled_job_runs` and of its entry in JOB_SCHEDULES. */
  name: string;
  /** Six-field cron expression (seconds first), used unless JOB_SCHEDULES overrides it. */
  cron: string;
  /** Time zone the expression is read in; UTC when absent. */
  timeZone?: string;
}

/**
 * Marks a method as a scheduled job. `JobScheduler` runs it on its schedule in every instance,
 * and only the instance that claims the period in the database does the work.
 */
export const ScheduledJob = DiscoveryService.createDecorator<ScheduledJobOptions>();
