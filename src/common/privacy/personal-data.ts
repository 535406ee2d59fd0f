/**
 * Masks for personal data shown where a person's whole value is not needed (back-office lists;
 * PIPL data minimisation). The record's own page still shows the value to staff who work on it.
 */

/** 13812345678 → 138****5678; short numbers keep nothing. */
export function maskPhone(phone: string): string {
  const compact = phone.trim();
  return compact.length > 7 ? `${compact.slice(0, 3)}****${compact.slice(-4)}` : '****';
}

/** 上海市浦东新区科苑路88号 → 上海市浦东新****: the region stays, the street goes. */
export function maskAddress(address: string): string {
  const characters = [...address.trim()];
  return characters.length > 6 ? `${characters.slice(0, 6).join('')}****` : '****';
}

/** ID, taxpayer and bank account numbers: 91350100M000100Y43 → 9135****0Y43. */
export function maskIdNumber(value: string): string {
  const compact = value.replace(/\s+/g, '');
  return compact.length > 8 ? `${compact.slice(0, 4)}****${compact.slice(-4)}` : '****';
}

export type PersonalDataKind = 'phone' | 'address' | 'idNumber';

const MASKS: Record<PersonalDataKind, (value: string) => string> = {
  phone: maskPhone,
  address: maskAddress,
  idNumber: maskIdNumber,
};

/** The masked form of a value of that kind (non-strings, e.g. null, are left as they are). */
export function maskPersonalData(kind: PersonalDataKind, value: unknown): unknown {
  return typeof value === 'string' && value.length > 0 ? MASKS[kind](value) : value;
}
