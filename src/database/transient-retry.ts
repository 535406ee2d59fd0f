import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type TransientFailure,
  transientDatabaseFailure,
} from '../common/errors/transient-database-error';

/** Long enough for the pool to drop a dead connection, short next to a request's patience. */
const PAUSE_BEFORE_RETRY_MS = 50;

const logger = new Logger('Database');

/**
 * A statement that only reads: a SELECT (or WITH … SELECT) naming nothing that writes or has a
 * side effect. Any doubt counts as a write, which is then not run again.
 */
export function isReadOnlyStatement(text: string): boolean {
  return (
    /^\s*(SELECT|WITH)\b/i.test(text) &&
    !/\b(INSERT|UPDATE|DELETE|MERGE|pg_notify|nextval|setval|advisory|NOTIFY|LOCK)\b/i.test(text)
  );
}

/** A statement outside a transaction failed this way: may it run once more? */
export function statementMayRunAgain(text: string, failure: TransientFailure): boolean {
  return failure !== 'connection-lost' || isReadOnlyStatement(text);
}

/**
 * Runs `work`; when it fails transiently and `mayRunAgain` says the failed attempt cannot have
 * left anything behind, runs it once more after a short pause. Any other failure, or a second
 * one, goes to the caller (and becomes a 503 at the HTTP edge).
 */
export async function retriedOnceIfSafe<T>(
  what: string,
  work: () => Promise<T>,
  mayRunAgain: (failure: TransientFailure) => boolean,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const failure = transientDatabaseFailure(error);
    if (!failure || !mayRunAgain(failure)) throw error;
    logger.warn(`${what} failed (${failure}: ${(error as Error).message}); running it again`);
    await sleep(PAUSE_BEFORE_RETRY_MS);
    return work();
  }
}
