/**
 * Taxpayer identification numbers on a fapiao title.
 *
 * Since 2015 it is the 18-character unified social credit code (统一社会信用代码, GB 32100-2015):
 * digits and capital letters except I, O, S, V and Z; the 18th character is a check character.
 * Older taxpayers may still use the legacy 15-character taxpayer number: a 6-digit region code
 * followed by the 9-character organisation code.
 */

/** The 31 characters of GB 32100-2015, in the order that gives each its value (0–30). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_LENGTH = 18;
export const LEGACY_TAXPAYER_NUMBER_LENGTH = 15;

const LEGACY_TAXPAYER_NUMBER = /^\d{6}[0-9A-Z]{9}$/;

/** Weights 3^(i−1) mod 31 for positions 1–17. */
const USCC_WEIGHTS = Array.from({ length: USCC_LENGTH - 1 }, (_, i) => {
  let weight = 1;
  for (let k = 0; k < i; k++) weight = (weight * 3) % 31;
  return weight;
});

/** The check character for the first 17 characters (which must be valid ones). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < USCC_LENGTH - 1; i++) {
    sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  }
  // A remainder of 0 gives (31 − 0) mod 31 = 0, i.e. the character '0'.
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

function describeBadCharacter(character: string, position: number): string {
  const why = /[a-z]/.test(character)
    ? 'letters must be capitals'
    : /[IOSVZ]/.test(character)
      ? 'the letters I, O, S, V and Z are not used (did you mean 1, 0, 5, U or 2?)'
      : 'only digits and capital letters are used';
  return `has an invalid character '${character}' at position ${position}: ${why}`;
}

/**
 * Why `value` is not a valid taxpayer ID, or null when it is one. The reason completes a sentence
 * that starts with the field's name ("title.taxId <reason>").
 */
export function taxpayerIdProblem(value: string): string | null {
  if (value.length === LEGACY_TAXPAYER_NUMBER_LENGTH) {
    if (LEGACY_TAXPAYER_NUMBER.test(value)) return null;
    return (
      'is 15 characters long but is not a legacy taxpayer number ' +
      '(6-digit region code followed by the 9-character organisation code in digits and capital letters)'
    );
  }
  if (value.length !== USCC_LENGTH) {
    return (
      `must be an 18-character unified social credit code (or a legacy 15-character taxpayer ` +
      `number); it has ${value.length} characters`
    );
  }
  for (let i = 0; i < USCC_LENGTH; i++) {
    if (!USCC_ALPHABET.includes(value[i])) return describeBadCharacter(value[i], i + 1);
  }
  const expected = usccCheckCharacter(value.slice(0, USCC_LENGTH - 1));
  if (value[USCC_LENGTH - 1] !== expected) {
    return (
      `check character does not match: the 18th character '${value[USCC_LENGTH - 1]}' is not the ` +
      `check character of the first 17; look for a typing mistake`
    );
  }
  return null;
}

export function isValidTaxpayerId(value: string): boolean {
  return taxpayerIdProblem(value) === null;
}
