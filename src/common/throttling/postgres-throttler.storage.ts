import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../time/clock';

/** What @nestjs/throttler expects back from `increment` (times in whole seconds). */
export interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

interface BucketRow {
  hits: number;
  window_expires_at: Date;
  blocked_until: Date | null;
}

/** Keys longer than the column (or carrying personal data) are stored as their SHA-256. */
export function bucketKey(key: string): string {
  return key.length <= 128 && /^[0-9a-f]+$/.test(key)
    ? key
    : createHash('sha256').update(key).digest('hex');
}

/**
 * `ThrottlerStorage` for @nestjs/throttler v6 kept in PostgreSQL, so every app instance counts
 * against the same limits. Each hit is one atomic upsert (no read-modify-write race): a fixed
 * window of `ttl` ms; the hit that exceeds `limit` blocks the key for `blockDuration` ms, during
 * which hits are not counted; when the block ends a fresh window starts. Time comes from `Clock`.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now();
    const block = blockDuration > 0 ? blockDuration : ttl;
    const rows = await this.dataSource.query<BucketRow[]>(
      `WITH params AS (
         SELECT $3::timestamptz AS now,
                $4::integer * interval '1 millisecond' AS ttl,
                $5::integer AS max_hits,
                $6::integer * interval '1 millisecond' AS block
       )
       INSERT INTO throttle_buckets AS b (throttler, key, hits, window_expires_at, blocked_until)
       SELECT $1, $2, 1, p.now + p.ttl, CASE WHEN 1 > p.max_hits THEN p.now + p.block END
         FROM params p
       ON CONFLICT (throttler, key) DO UPDATE SET
         hits = CASE
           WHEN b.blocked_until > $3 THEN b.hits
           WHEN b.window_expires_at <= $3 OR b.blocked_until IS NOT NULL THEN 1
           ELSE b.hits + 1 END,
         window_expires_at = CASE
           WHEN b.blocked_until > $3 THEN b.window_expires_at
           WHEN b.window_expires_at <= $3 OR b.blocked_until IS NOT NULL
             THEN $3::timestamptz + $4::integer * interval '1 millisecond'
           ELSE b.window_expires_at END,
         blocked_until = CASE
           WHEN b.blocked_until > $3 THEN b.blocked_until
           WHEN (CASE WHEN b.window_expires_at <= $3 OR b.blocked_until IS NOT NULL THEN 1
                      ELSE b.hits + 1 END) > $5
             THEN $3::timestamptz + $6::integer * interval '1 millisecond'
           ELSE NULL END
       RETURNING hits, window_expires_at, blocked_until`,
      [throttlerName, bucketKey(key), now, Math.ceil(ttl), limit, Math.ceil(block)],
    );
    return this.toRecord(rows[0], now);
  }

  /** The key's state without counting a hit (e.g. "is this account locked?"). */
  async peek(key: string, throttlerName: string): Promise<ThrottlerStorageRecord | null> {
    const now = this.clock.now();
    const rows = await this.dataSource.query<BucketRow[]>(
      `SELECT hits, window_expires_at, blocked_until FROM throttle_buckets
        WHERE throttler = $1 AND key = $2`,
      [throttlerName, bucketKey(key)],
    );
    return rows[0] ? this.toRecord(rows[0], now) : null;
  }

  /** Forgets the key (e.g. after a successful login). */
  async reset(key: string, throttlerName: string): Promise<void> {
    await this.dataSource.query('DELETE FROM throttle_buckets WHERE throttler = $1 AND key = $2', [
      throttlerName,
      bucketKey(key),
    ]);
  }

  private toRecord(row: BucketRow, now: Date): ThrottlerStorageRecord {
    const secondsUntil = (instant: Date | null): number =>
      instant ? Math.max(0, Math.ceil((new Date(instant).getTime() - now.getTime()) / 1000)) : 0;
    const timeToBlockExpire = secondsUntil(row.blocked_until);
    const windowOpen = new Date(row.window_expires_at).getTime() > now.getTime();
    return {
      totalHits: windowOpen ? row.hits : 0,
      timeToExpire: secondsUntil(row.window_expires_at),
      isBlocked: timeToBlockExpire > 0,
      timeToBlockExpire,
    };
  }
}
