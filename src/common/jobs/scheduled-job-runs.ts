import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { ScheduledJobRun } from './scheduled-job-run.entity';

/** How long finished runs stay, for looking back at what ran where. */
const RUN_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** The `scheduled_job_runs` table: who claimed which period of which job. */
@Injectable()
export class ScheduledJobRuns {
  constructor(
    @InjectRepository(ScheduledJobRun) private readonly runs: Repository<ScheduledJobRun>,
  ) {}

  /** True when this instance won the period; false when another instance already holds it. */
  async claimPeriod(
    jobName: string,
    periodStart: Date,
    instance: string,
    now: Date,
  ): Promise<boolean> {
    const claimed = await this.runs.query<{ job_name: string }[]>(
      `INSERT INTO scheduled_job_runs (job_name, period_start, instance, started_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING
       RETURNING job_name`,
      [jobName, periodStart, instance, now],
    );
    return claimed.length === 1;
  }

  async recordFinished(
    jobName: string,
    periodStart: Date,
    now: Date,
    error: string | null,
  ): Promise<void> {
    await this.runs.update({ jobName, periodStart }, { finishedAt: now, error });
  }

  /** Keeps the table small; runs with the job's own claim, so once per period. */
  async forgetOldRuns(jobName: string, now: Date): Promise<void> {
    await this.runs.delete({
      jobName,
      periodStart: LessThan(new Date(now.getTime() - RUN_RETENTION_MS)),
    });
  }
}
