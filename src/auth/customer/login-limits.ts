import type { FailureLimit } from '../../common/throttling/failure-limiter';

/**
 * ASVS 6.3: five failed logins for an account from one source (client address) within 15
 * minutes lock that account for that source for 15 minutes, so a stranger's failures do not
 * refuse the owner's password from elsewhere.
 */
export const LOGIN_FAILURE_LIMIT: FailureLimit = {
  name: 'customer-login',
  maxFailures: 5,
  windowMs: 15 * 60 * 1000,
};

/**
 * Failures from every source together: a guessing attack spread over many addresses locks the
 * account's password sign-in; its owner is mailed a sign-in link (SignInLinkService).
 */
export const ACCOUNT_FAILURE_LIMIT: FailureLimit = {
  name: 'customer-login-account',
  maxFailures: 20,
  windowMs: 15 * 60 * 1000,
};

/** The key of an account's failures from one source. */
export function sourceKey(email: string, source: string | undefined): string {
  return `${email}\n${source ?? 'unknown'}`;
}
