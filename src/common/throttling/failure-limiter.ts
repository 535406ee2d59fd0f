import { Injectable } from '@nestjs/common';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';

export interface FailureLimit {
  /** Names the counter family, e.g. `customer-login`; also the storage's throttler name. */
  name: string;
  /** This many failures within `windowMs` lock the key for `windowMs` from the last one. */
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failures (not requests) per key, e.g. failed logins per account, across all instances.
 * Keys are hashed before storage, so an email used as a key is not kept in clear.
 */
@Injectable()
export class FailureLimiter {
  constructor(private readonly storage: PostgresThrottlerStorage) {}

  /** Seconds until the key may try again; 0 when it is not locked. */
  async retryAfterSeconds(limit: FailureLimit, key: string): Promise<number> {
    const state = await this.storage.peek(key, limit.name);
    return state?.isBlocked ? state.timeToBlockExpire : 0;
  }

  /** Records one failure; returns the lock's seconds if this failure locked the key, else 0. */
  async recordFailure(limit: FailureLimit, key: string): Promise<number> {
    // The storage blocks on the hit that EXCEEDS its limit, so limit = max - 1 locks on the max-th.
    const state = await this.storage.increment(
      key,
      limit.windowMs,
      limit.maxFailures - 1,
      limit.windowMs,
      limit.name,
    );
    return state.isBlocked ? state.timeToBlockExpire : 0;
  }

  async clear(limit: FailureLimit, key: string): Promise<void> {
    await this.storage.reset(key, limit.name);
  }
}
