import {
  DataSource,
  type EntityManager,
  type ObjectLiteral,
  type QueryRunner,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { TransactionNotCommitted } from '../common/errors/transient-database-error';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { retriedOnceIfSafe, statementMayRunAgain } from './transient-retry';

type TransactionWork<T> = (manager: EntityManager) => Promise<T>;

/**
 * The app's DataSource: a dropped connection, a restart or a deadlock is run again once where
 * that cannot write twice. A statement of its own is run again when it only reads or when it
 * cannot have run; a transaction when it failed before its COMMIT was sent (PostgreSQL rolled
 * it back) or was rolled back by PostgreSQL itself. What cannot be run again becomes a 503 at
 * the HTTP edge (ProblemDetailsFilter).
 */
export class ResilientDataSource extends DataSource {
  override query<T = unknown>(
    text: string,
    parameters?: unknown[] | ObjectLiteral,
    queryRunner?: QueryRunner,
  ): Promise<T> {
    // On the caller's connection (a transaction, a session lock) the caller decides.
    if (queryRunner) return super.query<T>(text, parameters as unknown[], queryRunner);
    return retriedOnceIfSafe(
      'A statement',
      () => super.query<T>(text, parameters as unknown[]),
      (failure) => statementMayRunAgain(text, failure),
    );
  }

  override transaction<T>(work: TransactionWork<T>): Promise<T>;
  override transaction<T>(isolationLevel: IsolationLevel, work: TransactionWork<T>): Promise<T>;
  override transaction<T>(
    isolationOrWork: IsolationLevel | TransactionWork<T>,
    maybeWork?: TransactionWork<T>,
  ): Promise<T> {
    const work = typeof isolationOrWork === 'function' ? isolationOrWork : maybeWork!;
    const isolation = typeof isolationOrWork === 'function' ? undefined : isolationOrWork;
    let committing = false;
    const attempt = () => {
      committing = false;
      const tracked: TransactionWork<T> = async (manager) => {
        const result = await work(manager);
        committing = true;
        return result;
      };
      const run = isolation ? super.transaction(isolation, tracked) : super.transaction(tracked);
      // TypeORM releases a transaction's runner when its connection fails; the statements after
      // (the COMMIT too) are then refused before anything is sent.
      return run.catch((error: unknown) => {
        throw error instanceof QueryRunnerAlreadyReleasedError ||
          error instanceof QueryRunnerProviderAlreadyReleasedError
          ? new TransactionNotCommitted(error)
          : error;
      });
    };
    return retriedOnceIfSafe(
      'A transaction',
      attempt,
      // A connection lost during COMMIT may or may not have committed.
      (failure) => failure !== 'connection-lost' || !committing,
    );
  }
}
