import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledJob } from '../jobs/scheduled-job.decorator';
import { Clock } from '../time/clock';

const CLEANUP_LOCK_KEY = 4_202_611_001;
const BATCH_SIZE = 5000;

/** Deletes counters whose window and block are both over; safe with N instances, idempotent. */
@Injectable()
export class ThrottleCleanupJob {
  private readonly logger = new Logger(ThrottleCleanupJob.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @ScheduledJob({ name: 'throttle-cleanup', cron: '0 0 * * * *' })
  async run(): Promise<void> {
    try {
      await this.purgeExpired();
    } catch (error) {
      this.logger.warn(`Throttle cleanup failed: ${(error as Error).message}`);
    }
  }

  /** Returns how many counters were deleted; one statement per batch. */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock($1) AS locked',
          [CLEANUP_LOCK_KEY],
        );
        if (!locked) return 0;
        const [, count] = await manager.query<[unknown, number]>(
          `DELETE FROM throttle_buckets WHERE ctid IN (
             SELECT ctid FROM throttle_buckets
              WHERE window_expires_at <= $1 AND (blocked_until IS NULL OR blocked_until <= $1)
              LIMIT $2)`,
          [this.clock.now(), BATCH_SIZE],
        );
        return count;
      });
      total += deleted;
      if (deleted < BATCH_SIZE) return total;
    }
  }
}
