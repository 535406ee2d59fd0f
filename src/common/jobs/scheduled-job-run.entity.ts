import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One period of a scheduled job, claimed by the instance that ran it. The primary key makes the
 * claim: with several instances ticking at the same moment, exactly one insert wins.
 */
@Entity('scheduled_job_runs')
export class ScheduledJobRun {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  jobName: string;

  /** The scheduled time of the tick, not when an instance got round to it. */
  @PrimaryColumn({ type: 'timestamptz' })
  periodStart: Date;

  @Column({ type: 'varchar', length: 200 })
  instance: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
