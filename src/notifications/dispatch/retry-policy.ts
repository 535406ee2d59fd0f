/** How the dispatcher reacts to a failed delivery attempt. Pure, so it is unit-tested alone. */

/** Attempts (including the first) before a mail is marked failed. */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_DELAY_MS = 30_000;
const MAX_RETRY_DELAY_MS = 60 * 60_000;

/**
 * Wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min … capped at 1 h, so the ten
 * attempts span about three hours (long enough to ride out an SMTP outage).
 */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(FIRST_RETRY_DELAY_MS * 2 ** exponent, MAX_RETRY_DELAY_MS);
}

interface SmtpError {
  message?: string;
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * A 5xx answer to RCPT TO: the server says this mailbox will never accept the mail (RFC 5321).
 * Retrying cannot help, so the mail fails at once. Other 5xx answers (authentication, relay
 * denied) usually mean our configuration is wrong and are retried like any other failure.
 */
export function isPermanentRejection(error: unknown): boolean {
  const { responseCode, command, code } = (error ?? {}) as SmtpError;
  return (
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    (command === 'RCPT TO' || code === 'EENVELOPE')
  );
}

const MAX_ERROR_LENGTH = 1000;

/** What staff see in the back office: the SMTP answer or the connection error, one line. */
export function describeDeliveryError(error: unknown): string {
  const { message, code } = (error ?? {}) as SmtpError;
  const text = `${code ? `${code}: ` : ''}${message ?? String(error)}`.replace(/\s+/g, ' ').trim();
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

export type DeliveryOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; error: string; nextAttemptAt: Date }
  | { kind: 'failed'; error: string };

/** Decides what happens to a mail whose `attempts`-th attempt just failed with `error`. */
export type FailureOutcome = Exclude<DeliveryOutcome, { kind: 'sent' }>;

export function outcomeOfFailure(error: unknown, attempts: number, now: Date): FailureOutcome {
  const description = describeDeliveryError(error);
  if (isPermanentRejection(error)) {
    return { kind: 'failed', error: `Permanently rejected: ${description}` };
  }
  if (attempts >= MAX_ATTEMPTS) {
    return { kind: 'failed', error: `Gave up after ${attempts} attempts: ${description}` };
  }
  return {
    kind: 'retry',
    error: description,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
  };
}
