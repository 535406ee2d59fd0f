import { isValidTaxpayerId, taxpayerIdProblem, usccCheckCharacter } from './taxpayer-id';

const VALID = '91350100M000100Y43';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts the standard example', () => {
    expect(taxpayerIdProblem(VALID)).toBeNull();
    expect(usccCheckCharacter(VALID.slice(0, 17))).toBe('3');
  });

  it.each(['91110108MA01C0XX1K', '911100001000024467'])(
    'computes check characters consistently (%s)',
    (code) => {
      const withCheck = code.slice(0, 17) + usccCheckCharacter(code.slice(0, 17));
      expect(isValidTaxpayerId(withCheck)).toBe(true);
    },
  );

  it('maps a remainder of 0 to the character 0', () => {
    // Find a 17-character body whose weighted sum is a multiple of 31 by varying the 17th digit.
    const bodies = Array.from(
      { length: 31 },
      (_, i) => `9111010800000000${'0123456789ABCDEFGHJKLMNPQRTUWXY'[i]}`,
    );
    const zero = bodies.find((body) => usccCheckCharacter(body) === '0');
    expect(zero).toBeDefined();
    expect(isValidTaxpayerId(`${zero}0`)).toBe(true);
  });

  it('rejects a changed check character', () => {
    expect(taxpayerIdProblem('91350100M000100Y44')).toMatch(/check character does not match/);
    expect(taxpayerIdProblem('91350100M000100Y4X')).toMatch(/18th character 'X'/);
  });

  it('rejects a changed body character through the check character', () => {
    expect(taxpayerIdProblem('91350100M000101Y43')).toMatch(/check character does not match/);
  });

  it('names a lowercase letter and its position', () => {
    expect(taxpayerIdProblem('91350100m000100Y43')).toBe(
      "has an invalid character 'm' at position 9: letters must be capitals",
    );
  });

  it.each([
    ['I', '91350100I000100Y43'],
    ['O', '91350100M0001O0Y43'],
  ])('names the forbidden letter %s', (letter, code) => {
    expect(taxpayerIdProblem(code)).toMatch(
      new RegExp(
        `invalid character '${letter}' at position \\d+: the letters I, O, S, V and Z are not used`,
      ),
    );
  });

  it.each([
    ['17', VALID.slice(0, 17)],
    ['19', `${VALID}0`],
  ])('rejects %s characters, saying how many there are', (count, code) => {
    expect(taxpayerIdProblem(code)).toBe(
      `must be an 18-character unified social credit code (or a legacy 15-character taxpayer number); it has ${count} characters`,
    );
  });

  it('rejects punctuation and spaces inside the code', () => {
    expect(taxpayerIdProblem('91350100-000100Y43')).toMatch(
      /'-' at position 9: only digits and capital letters/,
    );
  });
});

describe('legacy 15-character taxpayer number', () => {
  it('accepts region code + organisation code', () => {
    expect(taxpayerIdProblem('110108123456789')).toBeNull();
    expect(taxpayerIdProblem('11010871092612X')).toBeNull();
  });

  it('rejects a malformed one', () => {
    expect(taxpayerIdProblem('11010A123456789')).toMatch(/not a legacy taxpayer number/);
    expect(taxpayerIdProblem('110108x12345678')).toMatch(/not a legacy taxpayer number/);
  });
});
