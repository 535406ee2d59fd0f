import type { FieldError } from '../../common/errors/problem.exception';
import { ApplicationPurpose, FapiaoTitle, FapiaoType, TITLE_FIELDS } from './fapiao-title';
import { normaliseTaxpayerId, taxpayerIdProblem, taxpayerKind } from './taxpayer-id';

/** Registered phone on a title: digits with the usual separators, e.g. 021-28986102 ext. 8. */
const TITLE_PHONE = /^[0-9+()\- ]{5,40}$/;
/** Bank account numbers: digits, sometimes grouped with spaces or dashes. */
const BANK_ACCOUNT = /^\d[\d -]{4,38}\d$/;

function blank(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim() === '';
}

/**
 * Fields a special VAT fapiao (增值税专用发票) must carry; its address, phone, bank and account
 * are printed only when given, as on a digital fapiao.
 */
export const SPECIAL_FAPIAO_REQUIRED_FIELDS = [
  'buyerName',
  'taxId',
] as const satisfies readonly (typeof TITLE_FIELDS)[number][];

/** Fields the apply form shows for a special fapiao only (optional there, absent for normal). */
export const SPECIAL_FAPIAO_OPTIONAL_FIELDS = TITLE_FIELDS.filter(
  (name) => !(SPECIAL_FAPIAO_REQUIRED_FIELDS as readonly string[]).includes(name),
);

/** `normal`: the buyer's name is required; everything else is optional. */
export function checkNormalTitleRequirements(title: FapiaoTitle, prefix = 'title'): FieldError[] {
  return blank(title.buyerName)
    ? [{ field: `${prefix}.buyerName`, message: `${prefix}.buyerName is required` }]
    : [];
}

/** `special`: buyer name and taxpayer ID. */
export function checkSpecialTitleRequirements(title: FapiaoTitle, prefix = 'title'): FieldError[] {
  return SPECIAL_FAPIAO_REQUIRED_FIELDS.filter((name) => blank(title[name])).map((name) => ({
    field: `${prefix}.${name}`,
    // Every fapiao needs the buyer's name; only the taxpayer ID is the special fapiao's own.
    message:
      name === 'buyerName'
        ? `${prefix}.${name} is required`
        : `${prefix}.${name} is required for a special VAT fapiao`,
  }));
}

/** Formats of the fields that are given (whether required or not). */
export function checkTitleFieldFormats(
  title: FapiaoTitle,
  prefix = 'title',
  type: FapiaoType = 'normal',
): FieldError[] {
  const errors: FieldError[] = [];
  if (!blank(title.taxId)) {
    const taxId = normaliseTaxpayerId(title.taxId!);
    const problem = taxpayerIdProblem(taxId);
    if (problem) {
      errors.push({ field: `${prefix}.taxId`, message: `${prefix}.taxId ${problem}` });
    } else if (type === 'special' && taxpayerKind(taxId) === 'natural_person') {
      errors.push({
        field: `${prefix}.taxId`,
        message:
          `${prefix}.taxId is a resident ID number, which names a natural person: a special VAT ` +
          `fapiao is issued only to an organisation with a taxpayer ID; choose a normal fapiao`,
      });
    }
  }
  if (!blank(title.phone) && !TITLE_PHONE.test(title.phone!.trim())) {
    errors.push({
      field: `${prefix}.phone`,
      message: `${prefix}.phone must be a phone number (digits, spaces, +, -, parentheses)`,
    });
  }
  if (!blank(title.bankAccount) && !BANK_ACCOUNT.test(title.bankAccount!.trim())) {
    errors.push({
      field: `${prefix}.bankAccount`,
      message: `${prefix}.bankAccount must be a bank account number (digits, optionally grouped)`,
    });
  }
  return errors;
}

/** Every rule of a title for the fapiao type; an empty list means the title is acceptable. */
export function checkTitle(type: FapiaoType, title: FapiaoTitle, prefix = 'title'): FieldError[] {
  const required =
    type === 'special'
      ? checkSpecialTitleRequirements(title, prefix)
      : checkNormalTitleRequirements(title, prefix);
  const missing = new Set(required.map((e) => e.field));
  return [
    ...required,
    ...checkTitleFieldFormats(title, prefix, type).filter((e) => !missing.has(e.field)),
  ];
}

/** Purposes for which the fapiao's buyer must be the one who paid. */
export function purposeRequiresPayerTitle(purpose: ApplicationPurpose): boolean {
  return purpose === 'purchase_certificate' || purpose === 'refund';
}

/** Trims every field, normalises the taxpayer ID; empty optional fields become null. */
export function normaliseTitle(title: FapiaoTitle): FapiaoTitle {
  const trim = (value: string | null | undefined) => (blank(value) ? null : value!.trim());
  return {
    buyerName: title.buyerName.trim(),
    taxId: blank(title.taxId) ? null : normaliseTaxpayerId(title.taxId!),
    address: trim(title.address),
    phone: trim(title.phone),
    bankName: trim(title.bankName),
    bankAccount: trim(title.bankAccount),
  };
}
