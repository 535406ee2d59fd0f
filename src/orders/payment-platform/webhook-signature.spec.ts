import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './webhook-signature';

const SECRET = 'a-test-secret-of-some-length';
const body = Buffer.from('{"orderNumber":"SO-1"}');
const now = new Date('2026-03-01T02:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('verifySignature', () => {
  it('accepts the platform’s signature: hex HMAC-SHA256 of "<t>.<raw body>"', () => {
    const expected = createHmac('sha256', SECRET).update(`${t}.${body.toString()}`).digest('hex');
    expect(signatureHeader(SECRET, t, body)).toBe(`t=${t},v1=${expected}`);
    expect(verifySignature(`t=${t},v1=${expected}`, body, SECRET, now)).toEqual({ valid: true });
  });

  it('accepts upper-case hex, spaces after commas and a second v1 (secret rotation)', () => {
    const good = signatureHeader(SECRET, t, body).split('v1=')[1];
    const other = signatureHeader('another-secret-entirely', t, body).split('v1=')[1];
    expect(
      verifySignature(`t=${t}, v1=${other}, v1=${good.toUpperCase()}`, body, SECRET, now),
    ).toEqual({
      valid: true,
    });
  });

  it('refuses a changed body, a wrong secret, and a signature over another timestamp', () => {
    const header = signatureHeader(SECRET, t, body);
    expect(verifySignature(header, Buffer.from('{"orderNumber":"SO-2"}'), SECRET, now)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(
      verifySignature(signatureHeader('wrong-secret-xxxxxxxx', t, body), body, SECRET, now).valid,
    ).toBe(false);
    const v1 = header.split('v1=')[1];
    expect(verifySignature(`t=${t - 1},v1=${v1}`, body, SECRET, now)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
  });

  it('allows five minutes of clock difference either way, not more', () => {
    for (const offset of [-300, 300]) {
      expect(
        verifySignature(signatureHeader(SECRET, t + offset, body), body, SECRET, now).valid,
      ).toBe(true);
    }
    for (const offset of [-301, 301]) {
      expect(verifySignature(signatureHeader(SECRET, t + offset, body), body, SECRET, now)).toEqual(
        {
          valid: false,
          reason: 'stale',
        },
      );
    }
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['v1=abc', 'malformed'],
    [`t=${t}`, 'malformed'],
    [`t=${t},v1=xyz`, 'malformed'],
    [`t=soon,v1=${'a'.repeat(64)}`, 'malformed'],
    [`t=${t},t=${t},v1=${'a'.repeat(64)}`, 'malformed'],
    ['garbage', 'malformed'],
  ])('refuses the header %p as %s', (header, reason) => {
    expect(verifySignature(header, body, SECRET, now)).toEqual({ valid: false, reason });
  });
});
