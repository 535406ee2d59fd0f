import { QueryFailedError } from 'typeorm';
import { isReadOnlyStatement, statementMayRunAgain } from '../../database/transient-retry';
import { TransactionNotCommitted, transientDatabaseFailure } from './transient-database-error';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('transientDatabaseFailure', () => {
  it.each([
    ['40001', 'rolled-back'],
    ['40P01', 'rolled-back'],
    ['57P01', 'connection-lost'],
    ['08006', 'connection-lost'],
    ['08P01', 'connection-lost'],
    ['57P03', 'not-connected'],
    ['ECONNREFUSED', 'not-connected'],
    ['ECONNRESET', 'connection-lost'],
  ])('classifies %s as %s, also inside a QueryFailedError', (code, kind) => {
    expect(transientDatabaseFailure(pgError(code))).toBe(kind);
    expect(transientDatabaseFailure(new QueryFailedError('SELECT 1', [], pgError(code)))).toBe(
      kind,
    );
  });

  it('recognises pg connection messages and a transaction that never committed', () => {
    expect(transientDatabaseFailure(new Error('Connection terminated unexpectedly'))).toBe(
      'connection-lost',
    );
    expect(transientDatabaseFailure(new Error('timeout exceeded when trying to connect'))).toBe(
      'not-connected',
    );
    expect(transientDatabaseFailure(new TransactionNotCommitted(new Error('released')))).toBe(
      'not-connected',
    );
  });

  it('leaves every other error alone', () => {
    expect(transientDatabaseFailure(pgError('23505'))).toBeNull();
    expect(transientDatabaseFailure(pgError('22P02'))).toBeNull();
    expect(transientDatabaseFailure(new Error('boom'))).toBeNull();
    expect(transientDatabaseFailure(undefined)).toBeNull();
  });
});

describe('which statements run again', () => {
  it('runs reads again after a lost connection, writes only when they cannot have run', () => {
    expect(isReadOnlyStatement('SELECT id FROM t WHERE updated_at > $1')).toBe(true);
    expect(isReadOnlyStatement('  with x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(isReadOnlyStatement('WITH x AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM x')).toBe(
      false,
    );
    expect(isReadOnlyStatement('SELECT pg_notify($1, $2)')).toBe(false);
    expect(isReadOnlyStatement('INSERT INTO t VALUES (1)')).toBe(false);
    expect(statementMayRunAgain('INSERT INTO t VALUES (1)', 'connection-lost')).toBe(false);
    expect(statementMayRunAgain('INSERT INTO t VALUES (1)', 'rolled-back')).toBe(true);
    expect(statementMayRunAgain('INSERT INTO t VALUES (1)', 'not-connected')).toBe(true);
    expect(statementMayRunAgain('SELECT 1', 'connection-lost')).toBe(true);
  });
});
