import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledJob } from '../../../common/jobs/scheduled-job.decorator';
import { Clock } from '../../../common/time/clock';

/** Any constant shared by all instances; only this job uses it. */
const ACTIVATION_EXPIRY_LOCK_KEY = 4_202_611_004;
/**
 * Each batch starts from the beginning of the pending index and steps over the entries the
 * earlier batches released, so small batches cost more than their work; large ones hold their
 * row locks only briefly (figures: docs/performance.md). Walking the index in id order was
 * slower: the planner then sorts the whole anti-join for every batch.
 */
export const ACTIVATION_EXPIRY_BATCH_SIZE = 10_000;

export interface ActivationExpiryResult {
  /** Pending registrations released (their email can register again). */
  released: number;
  /** False when another instance held the lock, so this run did nothing. */
  ran: boolean;
}

/**
 * Releases pending registrations whose activation links have all run out (24 hours), and
 * retires those links. One set-based statement per batch, each batch its own transaction under
 * `pg_try_advisory_xact_lock`, so with N instances one does the work; running twice is harmless.
 */
@Injectable()
export class ActivationExpiryJob {
  private readonly logger = new Logger(ActivationExpiryJob.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @ScheduledJob({ name: 'activation-expiry', cron: '0 */10 * * * *' })
  async run(): Promise<void> {
    try {
      const { released } = await this.expireStaleActivations();
      if (released > 0) this.logger.log(`Released ${released} expired registration(s)`);
    } catch (error) {
      this.logger.error(`Activation expiry failed: ${(error as Error).message}`);
    }
  }

  async expireStaleActivations(
    batchSize = ACTIVATION_EXPIRY_BATCH_SIZE,
  ): Promise<ActivationExpiryResult> {
    const now = this.clock.now();
    let released = 0;
    let ran = false;
    for (;;) {
      const batch = await this.releaseBatch(now, batchSize);
      if (batch === null) return { released, ran };
      ran = true;
      released += batch;
      if (batch < batchSize) return { released, ran };
    }
  }

  /** Null when another instance holds the lock. */
  private releaseBatch(now: Date, batchSize: number): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [ACTIVATION_EXPIRY_LOCK_KEY],
      );
      if (!locked) return null;
      const rows = await manager.query<{ released: number }[]>(
        `WITH stale AS (
           SELECT a.id FROM customer_accounts a
            WHERE a.status = 'pending'
              AND NOT EXISTS (
                SELECT 1 FROM account_tokens t
                 WHERE t.account_id = a.id AND t.purpose = 'activation'
                   AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > $1)
            LIMIT $2
            FOR UPDATE SKIP LOCKED
         ), released AS (
           UPDATE customer_accounts a SET status = 'expired', updated_at = $1
             FROM stale WHERE a.id = stale.id
           RETURNING a.id
         ), retired AS (
           UPDATE account_tokens t SET revoked_at = $1
             FROM released
            WHERE t.account_id = released.id AND t.purpose = 'activation'
              AND t.used_at IS NULL AND t.revoked_at IS NULL
           RETURNING t.id
         )
         SELECT (SELECT count(*) FROM released)::int AS released`,
        [now, batchSize],
      );
      return rows[0].released;
    });
  }
}
