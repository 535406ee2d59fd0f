import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScheduledJob } from '../../../common/jobs/scheduled-job.decorator';
import { Clock } from '../../../common/time/clock';
import { AppConfig } from '../../../config/app-config';

/** Any constant no other lock uses (the migrations' is 7_301_202_611). */
const RETENTION_LOCK_KEY = 7_301_202_631;
const BATCH_SIZE = 5000;

/** What the delivery needed and nobody needs once it is long done (PIPL: keep no longer). */
export const ANONYMISED_DELIVERY_COLUMNS = [
  'shipping_recipient',
  'shipping_phone',
  'shipping_province',
  'shipping_city',
  'shipping_district',
  'shipping_address',
  'shipping_postal_code',
] as const;

/**
 * Clears the delivery contact data (recipient, phone, address) of applications delivered
 * (mailed out or picked up) more than DELIVERY_DATA_RETENTION_MONTHS ago. The application, its
 * fapiao title, documents, history and tracking number stay: they are the fapiao records.
 * Set-based in batches, one instance at a time, idempotent.
 */
@Injectable()
export class DeliveryDataRetentionJob {
  private readonly logger = new Logger(DeliveryDataRetentionJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @ScheduledJob({ name: 'delivery-data-retention', cron: '0 0 3 * * *', timeZone: 'Asia/Shanghai' })
  async nightly(): Promise<void> {
    try {
      const anonymised = await this.run();
      if (anonymised > 0)
        this.logger.log(`Anonymised the delivery data of ${anonymised} applications`);
    } catch (error) {
      this.logger.warn(`Delivery data retention failed: ${(error as Error).message}`);
    }
  }

  /** How many applications had their delivery data cleared by this run. */
  async run(): Promise<number> {
    const cutoff = new Date(this.clock.now());
    cutoff.setUTCMonth(cutoff.getUTCMonth() - this.config.deliveryDataRetentionMonths);
    let total = 0;
    for (;;) {
      const cleared = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock($1) AS locked',
          [RETENTION_LOCK_KEY],
        );
        if (!locked) return 0;
        const [, count] = await manager.query<[unknown, number]>(
          `UPDATE fapiao_applications a
              SET ${ANONYMISED_DELIVERY_COLUMNS.map((c) => `${c} = NULL`).join(', ')}
            WHERE a.id IN (
              SELECT a2.id FROM fapiao_applications a2
               WHERE a2.status IN ('mailed_out', 'picked_up')
                 AND (${ANONYMISED_DELIVERY_COLUMNS.map((c) => `a2.${c} IS NOT NULL`).join(' OR ')})
                 AND (SELECT max(h.at) FROM application_history h
                       WHERE h.application_id = a2.id AND h.to_status IN ('mailed_out', 'picked_up')) < $1
               LIMIT $2)`,
          [cutoff, BATCH_SIZE],
        );
        return count;
      });
      total += cleared;
      if (cleared < BATCH_SIZE) return total;
    }
  }
}
