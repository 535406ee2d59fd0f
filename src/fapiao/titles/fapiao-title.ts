/** 增值税普通发票 (normal) or 增值税专用发票 (special). Values are part of the REST contract. */
export const FAPIAO_TYPES = ['normal', 'special'] as const;
export type FapiaoType = (typeof FAPIAO_TYPES)[number];

/** Why the customer needs the fapiao; the last two require the title to be the payer. */
export const APPLICATION_PURPOSES = ['none', 'purchase_certificate', 'refund'] as const;
export type ApplicationPurpose = (typeof APPLICATION_PURPOSES)[number];

/** The buyer ("title", 抬头) printed on the fapiao. */
export interface FapiaoTitle {
  buyerName: string;
  taxId?: string | null;
  /** Registered address of the buyer. */
  address?: string | null;
  /** Registered phone of the buyer. */
  phone?: string | null;
  bankName?: string | null;
  bankAccount?: string | null;
}

/** Every title column, absent parts as NULL: writing a title replaces all of it. */
export function fullTitle(title: FapiaoTitle): Required<FapiaoTitle> {
  return {
    buyerName: title.buyerName,
    taxId: title.taxId ?? null,
    address: title.address ?? null,
    phone: title.phone ?? null,
    bankName: title.bankName ?? null,
    bankAccount: title.bankAccount ?? null,
  };
}

export const TITLE_FIELDS = [
  'buyerName',
  'taxId',
  'address',
  'phone',
  'bankName',
  'bankAccount',
] as const satisfies readonly (keyof FapiaoTitle)[];
