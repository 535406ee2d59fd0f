import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { FailureLimiter } from './failure-limiter';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { ThrottleCleanupJob } from './throttle-cleanup.job';

@Module({ providers: [PostgresThrottlerStorage], exports: [PostgresThrottlerStorage] })
class ThrottlerStorageModule {}

/**
 * Rate limiting shared by all instances (counters in PostgreSQL). Global: a controller opts in
 * with `@UseGuards(ThrottlerGuard)` and `@Throttle({ default: { limit, ttl } })` per route, and
 * is then limited per client IP (`req.ip`, which honours TRUST_PROXY_HOPS). `FailureLimiter`
 * counts failures per key (e.g. failed logins per account).
 */
@Global()
@Module({
  imports: [
    ThrottlerStorageModule,
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [PostgresThrottlerStorage],
      useFactory: (storage: PostgresThrottlerStorage) => ({
        storage,
        throttlers: [{ name: 'default', ttl: 60_000, limit: 120 }],
        errorMessage: (_context, detail) =>
          `Too many requests from this address. Try again in ${detail.timeToBlockExpire} seconds.`,
      }),
    }),
  ],
  providers: [FailureLimiter, ThrottleCleanupJob],
  exports: [ThrottlerModule, ThrottlerStorageModule, FailureLimiter],
})
export class ThrottlingModule {}
