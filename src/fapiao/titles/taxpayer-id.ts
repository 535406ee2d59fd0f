/**
 * Taxpayer identification numbers on a fapiao title, as the tax platforms accept them.
 *
 * - 18 characters: the unified social credit code (统一社会信用代码, GB 32100-2015): digits and
 *   capital letters except I, O, S, V and Z; the 18th character is a check character. An
 *   18-character resident ID number (居民身份证号码, ISO 7064 MOD 11-2 check, last character
 *   possibly X) is accepted too, but it names a natural person.
 * - 15 characters: the legacy taxpayer number, a 6-digit region code followed by the
 *   9-character organisation code.
 * - 17 and 20 characters (individuals' and foreign entities' IDs): digits and capital letters.
 *
 * Every rule here works on the normalised form (normaliseTaxpayerId).
 */

/** The 31 characters of GB 32100-2015, in the order that gives each its value (0–30). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_LENGTH = 18;
export const LEGACY_TAXPAYER_NUMBER_LENGTH = 15;
/** Every length the tax platforms accept for a buyer's taxpayer ID. */
export const TAXPAYER_ID_LENGTHS = [15, 17, 18, 20] as const;
export const TAXPAYER_ID_MAX_LENGTH = 20;

const LEGACY_TAXPAYER_NUMBER = /^\d{6}[0-9A-Z]{9}$/;
const DIGITS_AND_CAPITALS = /^[0-9A-Z]+$/;
const RESIDENT_ID = /^\d{17}[0-9X]$/;

/** Weights 3^(i−1) mod 31 for positions 1–17 (1, 3, 9, 27, 19, …, 28). */
const USCC_WEIGHTS = Array.from({ length: USCC_LENGTH - 1 }, (_, i) => {
  let weight = 1;
  for (let k = 0; k < i; k++) weight = (weight * 3) % 31;
  return weight;
});

/** Weights 2^(18−i) mod 11 for positions 1–17 of a resident ID (7, 9, 10, 5, …, 2). */
const RESIDENT_ID_WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let weight = 1;
  for (let k = 0; k < 17 - i; k++) weight = (weight * 2) % 11;
  return weight;
});
/** The check character by the remainder of the weighted sum mod 11. */
const RESIDENT_ID_CHECK = '10X98765432';

/** What kind of holder a valid taxpayer ID names. */
export type TaxpayerKind = 'organisation' | 'natural_person';

/**
 * The form the rules check and the application stores: full-width forms folded to half-width
 * (NFKC), every space removed, letters upper-cased. People copy IDs from PDFs and chat
 * messages, which bring full-width digits, grouping spaces and lower case.
 */
export function normaliseTaxpayerId(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters (which must be valid ones). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < USCC_LENGTH - 1; i++) {
    sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  }
  // A remainder of 0 gives (31 − 0) mod 31 = 0, i.e. the character '0'.
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** The check character of a resident ID number's first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i];
  return RESIDENT_ID_CHECK[sum % 11];
}

/** Whether the 18 characters are a resident ID number: digits, a date of birth, its check. */
export function isResidentIdNumber(value: string): boolean {
  if (!RESIDENT_ID.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const realDate =
    year >= 1900 &&
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day;
  return realDate && residentIdCheckCharacter(value.slice(0, 17)) === value[17];
}

function describeBadCharacter(character: string, position: number): string {
  const why = /[IOSVZ]/.test(character)
    ? 'the letters I, O, S, V and Z are not used (did you mean 1, 0, 5, U or 2?)'
    : 'only digits and capital letters are used';
  return `has an invalid character '${character}' at position ${position}: ${why}`;
}

/** Why an 18-character ID is neither a unified social credit code nor a resident ID. */
function eighteenCharacterProblem(value: string): string | null {
  if (isResidentIdNumber(value)) return null;
  for (let i = 0; i < USCC_LENGTH; i++) {
    if (!USCC_ALPHABET.includes(value[i])) {
      // A resident ID may end in X, which a credit code never has as a check character.
      if (RESIDENT_ID.test(value)) return residentIdMismatch();
      return describeBadCharacter(value[i], i + 1);
    }
  }
  const expected = usccCheckCharacter(value.slice(0, USCC_LENGTH - 1));
  if (value[USCC_LENGTH - 1] === expected) return null;
  if (RESIDENT_ID.test(value)) return residentIdMismatch();
  return (
    `check character does not match: the 18th character '${value[USCC_LENGTH - 1]}' is not the ` +
    `check character of the first 17; look for a typing mistake`
  );
}

function residentIdMismatch(): string {
  return (
    'is neither a valid unified social credit code nor a valid resident ID number ' +
    '(its check character does not match); look for a typing mistake'
  );
}

/**
 * Why the normalised `value` is not a valid taxpayer ID, or null when it is one. The reason
 * completes a sentence that starts with the field's name ("title.taxId <reason>").
 */
export function taxpayerIdProblem(value: string): string | null {
  switch (value.length) {
    case LEGACY_TAXPAYER_NUMBER_LENGTH:
      if (LEGACY_TAXPAYER_NUMBER.test(value)) return null;
      return (
        'is 15 characters long but is not a legacy taxpayer number ' +
        '(6-digit region code followed by the 9-character organisation code in digits and capital letters)'
      );
    case USCC_LENGTH:
      return eighteenCharacterProblem(value);
    case 17:
    case 20:
      if (DIGITS_AND_CAPITALS.test(value)) return null;
      return `is ${value.length} characters long but has characters other than digits and capital letters`;
    default:
      return (
        `must be an 18-character unified social credit code, an 18-digit resident ID number, ` +
        `or a 15-, 17- or 20-character taxpayer number; it has ${value.length} characters`
      );
  }
}

/**
 * Who a valid normalised ID names: a resident ID number names a natural person; every other
 * accepted form is treated as an organisation's. A credit code whose digits happen to pass the
 * resident ID check too is taken for the credit code, which is the first reading.
 */
export function taxpayerKind(value: string): TaxpayerKind {
  if (value.length === USCC_LENGTH && isResidentIdNumber(value)) {
    const asCreditCode =
      [...value].every((c) => USCC_ALPHABET.includes(c)) &&
      usccCheckCharacter(value.slice(0, USCC_LENGTH - 1)) === value[USCC_LENGTH - 1];
    return asCreditCode ? 'organisation' : 'natural_person';
  }
  return 'organisation';
}

export function isValidTaxpayerId(value: string): boolean {
  return taxpayerIdProblem(value) === null;
}
