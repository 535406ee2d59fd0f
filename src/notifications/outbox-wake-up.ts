import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { MAIL_OUTBOX_CHANNEL } from './outbox-channel';

/** While mails keep being written, the dispatchers are woken at most this often per instance. */
export const WAKE_UP_INTERVAL_MS = 200;

/** Marks a transaction (its QueryRunner's `data`) that wrote to the outbox. */
const MAILS_WRITTEN = 'fapiao.outboxMailsWritten';

/**
 * Wakes the dispatchers (every instance's MailDispatchJob LISTENs) once mails are committed to
 * the outbox: at once, then at most once per WAKE_UP_INTERVAL_MS while more keep coming, with
 * a last NOTIFY after the latest write. A dispatcher woken once sends everything due, so a
 * burst of mails needs one wake-up, not one each.
 *
 * The NOTIFY is a statement of its own after the commit, never part of the write: PostgreSQL
 * serialises the commits of every transaction that NOTIFYs on one cluster-wide lock, held
 * through the WAL flush, so a NOTIFY in each confirmation made every confirmation's commit wait
 * for the others'. A write that is its own transaction signals when it returns; one inside a
 * caller's transaction marks it, and the TypeORM subscriber below signals when it commits
 * (never on a rollback). A lost NOTIFY costs latency only: the dispatchers also run every few
 * seconds.
 */
@Injectable()
export class OutboxWakeUp implements EntitySubscriberInterface, OnModuleDestroy {
  private readonly logger = new Logger(OutboxWakeUp.name);
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private scheduled?: NodeJS.Timeout;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /** Mails were written through `target`: wake the dispatchers now, or when it commits. */
  afterWriting(target: DataSource | EntityManager): void {
    const runner = target instanceof DataSource ? undefined : target.queryRunner;
    if (runner?.isTransactionActive) runner.data[MAILS_WRITTEN] = true;
    else this.wake();
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // Still active after a commit: a savepoint was released, the transaction goes on.
    if (queryRunner.isTransactionActive || !queryRunner.data[MAILS_WRITTEN]) return;
    delete queryRunner.data[MAILS_WRITTEN];
    this.wake();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) delete queryRunner.data[MAILS_WRITTEN];
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.scheduled);
  }

  private wake(): void {
    if (this.stopped || this.scheduled) return;
    const wait = this.lastSentAt + WAKE_UP_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.notify();
      return;
    }
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.notify();
    }, wait);
    this.scheduled.unref();
  }

  private notify(): void {
    if (this.stopped) return;
    this.lastSentAt = performance.now();
    this.dataSource.query(`SELECT pg_notify($1, '')`, [MAIL_OUTBOX_CHANNEL]).catch((error) => {
      this.logger.warn(
        `Could not wake the mail dispatchers (they run on their interval): ${(error as Error).message}`,
      );
    });
  }
}
