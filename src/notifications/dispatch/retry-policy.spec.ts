import {
  describeDeliveryError,
  isPermanentRejection,
  MAX_ATTEMPTS,
  outcomeOfFailure,
  retryDelayMs,
} from './retry-policy';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('failed'), fields);

describe('retry policy', () => {
  it('doubles the delay from 30 s and caps it at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it('treats only a 5xx answer to RCPT TO as permanent', () => {
    expect(isPermanentRejection(smtpError({ responseCode: 550, command: 'RCPT TO' }))).toBe(true);
    expect(isPermanentRejection(smtpError({ responseCode: 553, code: 'EENVELOPE' }))).toBe(true);
    expect(isPermanentRejection(smtpError({ responseCode: 450, command: 'RCPT TO' }))).toBe(false);
    expect(isPermanentRejection(smtpError({ responseCode: 535, command: 'AUTH PLAIN' }))).toBe(
      false,
    );
    expect(isPermanentRejection(smtpError({ code: 'ECONNECTION' }))).toBe(false);
    expect(isPermanentRejection(undefined)).toBe(false);
  });

  it('retries a transient failure until the last attempt, then fails', () => {
    const now = new Date('2026-11-24T00:00:00Z');
    const refused = smtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' });
    expect(outcomeOfFailure(refused, 1, now)).toEqual({
      kind: 'retry',
      error: 'ECONNECTION: connect ECONNREFUSED',
      nextAttemptAt: new Date('2026-11-24T00:00:30Z'),
    });
    expect(outcomeOfFailure(refused, MAX_ATTEMPTS, now)).toEqual({
      kind: 'failed',
      error: `Gave up after ${MAX_ATTEMPTS} attempts: ECONNECTION: connect ECONNREFUSED`,
    });
    const rejected = smtpError({
      responseCode: 550,
      command: 'RCPT TO',
      message: '550 no such user',
    });
    expect(outcomeOfFailure(rejected, 1, now)).toEqual({
      kind: 'failed',
      error: 'Permanently rejected: 550 no such user',
    });
  });

  it('keeps error descriptions on one bounded line', () => {
    expect(describeDeliveryError(smtpError({ message: 'a\r\nb' }))).toBe('a b');
    expect(describeDeliveryError(smtpError({ message: 'x'.repeat(5000) }))).toHaveLength(1000);
    expect(describeDeliveryError('plain')).toBe('plain');
  });
});
