const MINUTE = 60_000;

/**
 * Per-client-IP limits (fixed windows, counted in PostgreSQL across instances). Generous enough
 * for a household or office behind one address, tight enough to make scripted registration,
 * mail-bombing and password spraying slow. The per-account login lock is separate (LoginService).
 */
export const perIp = {
  register: { default: { limit: 30, ttl: 15 * MINUTE } },
  /** Endpoints that send mail: resend activation, forgot password. */
  mailRequest: { default: { limit: 10, ttl: 15 * MINUTE } },
  login: { default: { limit: 60, ttl: 15 * MINUTE } },
  /** Using a link token (activate, reset, confirm email change). */
  tokenUse: { default: { limit: 60, ttl: 15 * MINUTE } },
} as const;
