import { base32, totpCode } from './totp';

describe('TOTP helpers', () => {
  it('encodes and decodes base32 as RFC 4648 does (no padding)', () => {
    const vectors: [string, string][] = [
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32.encode(Buffer.from(plain))).toBe(encoded);
      expect(Buffer.from(base32.decode(encoded)).toString()).toBe(plain);
    }
    expect(() => base32.decode('MZ1')).toThrow();
  });

  it('computes the codes of RFC 6238 (SHA-1 vectors, last six digits)', () => {
    const secret = base32.encode(Buffer.from('12345678901234567890'));
    expect(totpCode(secret, 59)).toBe('287082');
    expect(totpCode(secret, 1111111109)).toBe('081804');
    expect(totpCode(secret, 2000000000)).toBe('279037');
  });
});
