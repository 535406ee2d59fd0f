/**
 * How a database failure that is nobody's fault ended, which decides what may be run again:
 * - `not-connected`: no connection was had, so nothing was sent (PostgreSQL restarting, refused,
 *   or not accepting connections yet);
 * - `rolled-back`: PostgreSQL aborted the transaction (serialization failure, deadlock);
 * - `connection-lost`: the connection ended while a statement was under way, whose outcome is
 *   unknown unless it could not have committed (a read, a transaction before its COMMIT).
 */
export type TransientFailure = 'not-connected' | 'rolled-back' | 'connection-lost';

/**
 * The connection of a transaction was lost before its COMMIT was sent (TypeORM then refuses the
 * COMMIT itself): PostgreSQL rolled the transaction back.
 */
export class TransactionNotCommitted extends Error {
  constructor(override readonly cause: unknown) {
    super(
      `The database connection was lost before the transaction committed: ${String((cause as Error)?.message ?? cause)}`,
    );
    this.name = 'TransactionNotCommitted';
  }
}

const ROLLED_BACK = new Set(['40001', '40P01']);
/** cannot_connect_now (starting up, shutting down), too_many_connections. */
const NOT_CONNECTED_STATES = new Set(['57P03', '53300']);
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** admin_shutdown, crash_shutdown, idle_session_timeout, and class 08 (connection exception). */
const LOST_STATES = new Set(['57P01', '57P02', '57P05']);
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const NOT_CONNECTED_MESSAGES = [/timeout exceeded when trying to connect/i];
const LOST_MESSAGES = [
  /^Connection terminated/i,
  /connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /terminating connection due to administrator command/i,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/** The error itself and what it wraps (TypeORM's `driverError`, a `cause`). */
function* layers(error: unknown): Generator<ErrorLike> {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    yield current;
    const next = current as ErrorLike;
    current = next.driverError ?? next.cause;
  }
}

/** The kind of transient database failure `error` is, or null when it is none. */
export function transientDatabaseFailure(error: unknown): TransientFailure | null {
  if (error instanceof TransactionNotCommitted) return 'not-connected';
  for (const layer of layers(error)) {
    const code = typeof layer.code === 'string' ? layer.code : '';
    const message = typeof layer.message === 'string' ? layer.message : '';
    if (ROLLED_BACK.has(code)) return 'rolled-back';
    if (NOT_CONNECTED_STATES.has(code) || NOT_CONNECTED_CODES.has(code)) return 'not-connected';
    if (NOT_CONNECTED_MESSAGES.some((pattern) => pattern.test(message))) return 'not-connected';
    if (LOST_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || LOST_CODES.has(code))
      return 'connection-lost';
    if (LOST_MESSAGES.some((pattern) => pattern.test(message))) return 'connection-lost';
  }
  return null;
}

/** Seconds a client is asked to wait after a transient database failure (Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
