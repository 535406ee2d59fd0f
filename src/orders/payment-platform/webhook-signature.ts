import { createHmac, timingSafeEqual } from 'node:crypto';

/** Pushes older (or further in the future) than this are refused, so a captured one cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureVerdict =
  { valid: true } | { valid: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** `hex(HMAC-SHA256(secret, "<t>.<raw body>"))`, as the payment platform computes it. */
export function computeSignature(secret: string, timestamp: number, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The header value the payment platform sends: `t=<unix seconds>,v1=<hex>`. */
export function signatureHeader(secret: string, timestamp: number, rawBody: Buffer): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, rawBody)}`;
}

/**
 * Checks `X-Signature: t=<unix seconds>,v1=<hex>` against the raw body. Several `v1` entries are
 * accepted (the platform may sign with an old and a new secret while rotating); the comparison
 * is constant-time.
 */
export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  secret: string,
  now: Date,
): SignatureVerdict {
  if (!header) return { valid: false, reason: 'missing' };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) return { valid: false, reason: 'malformed' };
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== undefined)
        return { valid: false, reason: 'malformed' };
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return { valid: false, reason: 'malformed' };
      candidates.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined || candidates.length === 0)
    return { valid: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    return { valid: false, reason: 'stale' };
  }
  const expected = Buffer.from(computeSignature(secret, timestamp, rawBody), 'hex');
  // Compare against every candidate (no early exit), so timing says nothing about which matched.
  let matched = false;
  for (const candidate of candidates) {
    if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) matched = true;
  }
  return matched ? { valid: true } : { valid: false, reason: 'mismatch' };
}
