import {
  isResidentIdNumber,
  isValidTaxpayerId,
  normaliseTaxpayerId,
  residentIdCheckCharacter,
  taxpayerIdProblem,
  taxpayerKind,
  usccCheckCharacter,
} from './taxpayer-id';

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

  it('works on the normalised form: a lowercase letter is a capital there', () => {
    expect(taxpayerIdProblem(normaliseTaxpayerId('91350100m000100y43'))).toBeNull();
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
    ['16', VALID.slice(0, 16)],
    ['19', `${VALID}0`],
    ['21', `${VALID}000`],
  ])('rejects %s characters, saying how many there are', (count, code) => {
    expect(taxpayerIdProblem(code)).toBe(
      `must be an 18-character unified social credit code, an 18-digit resident ID number, ` +
        `or a 15-, 17- or 20-character taxpayer number; it has ${count} characters`,
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

describe('17- and 20-character taxpayer numbers', () => {
  it.each([
    '12345678901234567',
    'AB345678901234567',
    '12345678901234567890',
    'L1234567890123456789',
  ])('accepts %s on its format', (code) => {
    expect(taxpayerIdProblem(code)).toBeNull();
    expect(taxpayerKind(code)).toBe('organisation');
  });

  it.each(['1234567890123456-', '1234567890123456789.'])('rejects %s', (code) => {
    expect(taxpayerIdProblem(code)).toMatch(/characters other than digits and capital letters/);
  });
});

describe('18-digit resident ID number (ISO 7064 MOD 11-2)', () => {
  // Worked examples of the check published with the numbering rule (GB 11643-1999).
  it.each(['34052419800101001X', '370101190102039973'])('accepts %s', (id) => {
    expect(isResidentIdNumber(id)).toBe(true);
    expect(taxpayerIdProblem(id)).toBeNull();
    expect(taxpayerKind(id)).toBe('natural_person');
  });

  it('computes the check character, X for 10', () => {
    expect(residentIdCheckCharacter('34052419800101001')).toBe('X');
    expect(residentIdCheckCharacter('37010119010203997')).toBe('3');
  });

  it('rejects a changed digit through the check character', () => {
    expect(isResidentIdNumber('34052419800101002X')).toBe(false);
    expect(taxpayerIdProblem('34052419800101002X')).toMatch(
      /neither a valid unified social credit code nor a valid resident ID number/,
    );
  });

  it('rejects an impossible date of birth', () => {
    const body = '34052419800231001';
    expect(isResidentIdNumber(body + residentIdCheckCharacter(body))).toBe(false);
  });

  it('takes an ID that passes both checks for a credit code, the first reading', () => {
    const both = '11010519491231037X';
    expect(isResidentIdNumber(both)).toBe(true);
    expect(usccCheckCharacter(both.slice(0, 17))).toBe('X');
    expect(taxpayerKind(both)).toBe('organisation');
  });
});

describe('normalisation', () => {
  it.each([
    [' 91350100M000100Y43 ', VALID],
    ['９１３５０１００Ｍ０００１００Ｙ４３', VALID],
    ['9135 0100 M000 100Y 43', VALID],
    ['91350100m000100y43', VALID],
    ['\u300091350100M000100Y43\t', VALID],
    ['34052419800101001x', '34052419800101001X'],
  ])('normalises %j', (typed, stored) => {
    expect(normaliseTaxpayerId(typed)).toBe(stored);
    expect(isValidTaxpayerId(normaliseTaxpayerId(typed))).toBe(true);
  });
});
