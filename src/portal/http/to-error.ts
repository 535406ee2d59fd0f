/** Callback APIs (passport, express-session) hand over `unknown`; promises reject with Errors. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}
