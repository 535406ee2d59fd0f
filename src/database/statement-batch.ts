import { Result, types, type Connection, type Submittable } from 'pg';
import { prepareValue } from 'pg/lib/utils';

/** A value as the wire carries it (pg's `prepareValue` of a query value). */
export type WireValue = string | Buffer | null;

/** A named statement the connection has already parsed, with the values of one execution. */
export interface BatchedStatement {
  name: string;
  values: readonly WireValue[];
}

/**
 * The values of a query as pg would send them. Mapping can throw (a value JSON cannot carry):
 * done before anything is sent, it refuses one statement without touching a connection.
 */
export function toWireValues(values: readonly unknown[]): WireValue[] {
  return values.map((value) => prepareValue(value));
}

/** The parts of pg's connection a batch writes to (pg's own Query uses the same). */
interface WireConnection {
  stream: { cork?: () => void; uncork?: () => void };
  bind(config: { statement: string; values: readonly WireValue[] }): void;
  describe(config: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  sync(): void;
}

/** The parts of pg's Result that turn wire rows into objects (undeclared in @types/pg). */
interface RowParser {
  rows: unknown[];
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): unknown;
}

/**
 * The batch committed, but a row of its answer could not be read (a type parser threw): its
 * statements must not run again. `cause` is the parser's error.
 */
export class UnreadableBatchAnswer extends Error {
  constructor(cause: Error) {
    super(`A committed batch's answer could not be read: ${cause.message}`, { cause });
  }
}

/**
 * Prepared statements sent to PostgreSQL in one write and answered in one: Bind, Describe and
 * Execute for each, then a single Sync. PostgreSQL runs everything before a Sync as ONE implicit
 * transaction, so the statements commit together (one WAL flush) or, when one fails, none does:
 * the error ends the batch, and the caller decides what to run again.
 *
 * A pg "submittable" (`client.query(batch)`), the driver's extension point for custom queries;
 * rows are parsed by pg's own Result, with the same type parsers as every other query.
 */
export class StatementBatch implements Submittable {
  /** Set by `client.query` when a callback is passed; called once with every statement's rows. */
  callback?: (error: Error | null, rows?: unknown[][]) => void;
  private readonly results: unknown[][] = [];
  private current?: RowParser;
  private rowFailure?: Error;

  constructor(private readonly statements: readonly BatchedStatement[]) {}

  submit(connection: Connection): undefined {
    const wire = connection as unknown as WireConnection;
    wire.stream.cork?.();
    try {
      for (const statement of this.statements) {
        wire.bind({ statement: statement.name, values: statement.values });
        wire.describe({ type: 'P', name: '' });
        wire.execute({ portal: '', rows: 0 });
      }
      wire.sync();
    } finally {
      wire.stream.uncork?.();
    }
    return undefined;
  }

  handleRowDescription(message: { fields: unknown[] }): void {
    // The global parsers, as every pooled query here uses (TypeORM sets parseInt8 on them).
    this.current = new Result('', types) as unknown as RowParser;
    this.current.addFields(message.fields);
  }

  handleDataRow(message: { fields: unknown[] }): void {
    if (this.rowFailure || !this.current) return;
    try {
      this.current.rows.push(this.current.parseRow(message.fields));
    } catch (error) {
      // As pg's Query: the rest of the answer is read, then the batch fails with this error.
      this.rowFailure = new UnreadableBatchAnswer(error as Error);
    }
  }

  handleCommandComplete(): void {
    this.results.push(this.current?.rows ?? []);
    this.current = undefined;
  }

  handleEmptyQuery(): void {
    this.results.push([]);
  }

  handlePortalSuspended(): void {
    // Never sent: every Execute asks for all rows.
  }

  handleError(error: Error): void {
    this.callback?.(error);
  }

  handleReadyForQuery(): void {
    if (this.rowFailure) return this.callback?.(this.rowFailure);
    this.callback?.(null, this.results);
  }

  /** Runs the batch on a client: every statement's rows, in order. */
  static run(
    client: { query(batch: StatementBatch, callback: StatementBatch['callback']): unknown },
    statements: readonly BatchedStatement[],
  ): Promise<unknown[][]> {
    return new Promise((resolve, reject) => {
      client.query(new StatementBatch(statements), (error, rows) =>
        error ? reject(error) : resolve(rows ?? []),
      );
    });
  }
}
