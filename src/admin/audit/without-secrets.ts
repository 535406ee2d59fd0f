/** Keys whose values must never reach the audit log, whatever a caller passes in. */
const SECRET_KEY = /pass(word)?|hash|token|secret|otp|credential/i;

/** A copy of `value` with secret-looking keys removed at every depth; Dates become ISO strings. */
export function withoutSecrets(value: object): Record<string, unknown> {
  return clean(value) as Record<string, unknown>;
}

function clean(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, inner]) => [key, clean(inner)]),
    );
  }
  return value;
}
