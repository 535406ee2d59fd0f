import type { Pool, PoolClient } from 'pg';
import {
  StatementBatch,
  toWireValues,
  UnreadableBatchAnswer,
  type WireValue,
} from './statement-batch';

/** A statement waiting for its turn: what to run and whom to answer. */
interface Pending {
  name: string;
  text: string;
  values: WireValue[];
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
}

/** More than this many statements in one batch would mostly add latency for the first. */
const MAX_BATCH = 32;

/**
 * A batch not back after this long (a lock wait, a slow plan) stops holding back the next one,
 * which may then take another connection: one stuck statement must not stall every request.
 */
const STALLED_AFTER_MS = 25;

/**
 * Statements that run on their own (each its own transaction, outside any BEGIN), sent to
 * PostgreSQL together when they come at the same time. While few are under way, a statement
 * goes out at once, alone. Once `maxInFlight` batches are under way, the next statements wait,
 * and leave together when one comes back: one round trip, one transaction, one commit
 * (StatementBatch) for all of them. Each then costs the app, the kernel and PostgreSQL a share
 * of one pool checkout, one round trip and one WAL flush instead of its own. On 2 cores this
 * took the customer's create + confirm from 600–710 to 870–1,050 requests/s and the billing
 * records from 1,000–1,800 to 2,130–2,360 (bench/, README).
 *
 * Batching never changes what a request can observe. Each statement is one request's whole read
 * or write; under READ COMMITTED it sees what was committed before it and the statements ahead
 * of it in its batch, which commit with it, and its answer is only given once the batch has
 * committed: as if the requests had run one after another. When any statement of a batch fails, the batch's
 * transaction is gone as a whole and every statement of it runs again on its own, so a failure
 * (a unique violation, a deadlock) reaches only its own caller.
 *
 * One per pool, holding at most `maxInFlight` of its connections (a quarter of them, see
 * `forPool`) unless batches stall, so that transactions still find connections. Callers must
 * not hold a connection while they wait (the rule in docs/architecture.md).
 */
export class CoalescedStatements {
  private readonly waiting: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly pool: Pool,
    private readonly maxInFlight: number,
  ) {}

  /**
   * For a pool: a quarter of its connections, at least one. On 2 cores (a pool of 5)
   * one batch at a time carried 870–1,050 creates and confirms per second against 730–1,000
   * with two: while PostgreSQL runs one batch, the next one grows.
   */
  static forPool(pool: Pool): CoalescedStatements {
    // pg-pool keeps its options (`max` is the pool's size); @types/pg does not declare them.
    const size = (pool as unknown as { options: { max: number } }).options.max;
    return new CoalescedStatements(pool, Math.max(1, Math.floor(size / 4)));
  }

  run(name: string, text: string, values: readonly unknown[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      // A value pg cannot send fails here, alone. Inside pg, a failed Bind also closes the
      // named statement on the server while pg still counts it as parsed on that connection,
      // and every later use of it there would fail.
      this.waiting.push({ name, text, values: toWireValues(values), resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight++;
      let counted = true;
      const stopCounting = () => {
        if (!counted) return;
        counted = false;
        this.inFlight--;
        this.dispatch();
      };
      const stalled = setTimeout(stopCounting, STALLED_AFTER_MS);
      void this.send(batch).finally(() => {
        clearTimeout(stalled);
        stopCounting();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    let broken: Error | undefined;
    // A checked-out client's connection error is emitted on it (pool.query listens the same way);
    // unheard, it would end the process. The statement under way fails with it too.
    const onConnectionError = (error: Error) => (broken ??= error);
    client.on('error', onConnectionError);
    try {
      // A statement this connection has not parsed yet runs alone, through pg's own path, which
      // parses it: a batch carries only Bind/Execute, so that its failure leaves no doubt about
      // which statements the connection knows. The few kinds are all parsed after a warm-up.
      const parsed = parsedStatements(client);
      const unparsed = batch.filter((p) => parsed[p.name] !== p.text);
      const ready = batch.filter((p) => parsed[p.name] === p.text);
      for (const pending of unparsed) await alone(client, pending);
      if (ready.length === 1) await alone(client, ready[0]);
      if (ready.length > 1) await together(client, ready);
    } catch (error) {
      // The connection failed, or the batch's answer is lost: none of the batch can be answered
      // (a statement already answered keeps its answer). The connection is not reused.
      broken = error as Error;
      for (const pending of batch) pending.reject(error);
    } finally {
      client.removeListener('error', onConnectionError);
      // The pool ends a broken client without listening to it; a FATAL that arrives after the
      // failure (an administrator's termination) would otherwise end the process.
      if (broken) client.on('error', () => undefined);
      client.release(broken);
    }
  }
}

/** Statements parsed on the connection, as one batch; after a failure, each on its own. */
async function together(client: PoolClient, ready: Pending[]): Promise<void> {
  try {
    const rows = await StatementBatch.run(client, ready);
    ready.forEach((pending, i) => pending.resolve(rows[i]));
  } catch (error) {
    // Lost with the connection, or committed but unreadable: whether (or that) the writes were
    // made is not for running them again to find out.
    if (isConnectionLost(client, error) || error instanceof UnreadableBatchAnswer) throw error;
    // The batch's transaction is gone as a whole.
    for (const pending of ready) await alone(client, pending);
  }
}

/** One statement on its own (its own transaction); its error goes to its caller only. */
async function alone(client: PoolClient, pending: Pending): Promise<void> {
  try {
    const result = await client.query({
      name: pending.name,
      text: pending.text,
      values: pending.values,
    });
    pending.resolve(result.rows);
  } catch (error) {
    if (isConnectionLost(client, error)) throw error;
    pending.reject(error);
  }
}

/** The statements pg has parsed on this client's connection, by name (pg's own bookkeeping). */
function parsedStatements(client: PoolClient): Record<string, string> {
  return (client as unknown as { connection: { parsedStatements: Record<string, string> } })
    .connection.parsedStatements;
}

/**
 * The connection is gone or going: pg has marked it unusable, or the server ended the session
 * (a FATAL error, such as an administrator's terminate, arrives before the socket closes).
 */
function isConnectionLost(client: PoolClient, error: unknown): boolean {
  const severity = (error as { severity?: string } | undefined)?.severity;
  return (
    severity === 'FATAL' ||
    severity === 'PANIC' ||
    !(client as unknown as { _queryable: boolean })._queryable
  );
}
