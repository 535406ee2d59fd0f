import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One fixed-window counter of `PostgresThrottlerStorage`, shared by every app instance.
 * Keys are hashes (the throttler guard hashes its own; `FailureLimiter` hashes emails), so the
 * table holds no personal data.
 */
@Entity('throttle_buckets')
@Index('idx_throttle_buckets_window', ['windowExpiresAt'])
export class ThrottleBucket {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  throttler: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  @Column({ type: 'integer' })
  hits: number;

  @Column({ type: 'timestamptz' })
  windowExpiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}
