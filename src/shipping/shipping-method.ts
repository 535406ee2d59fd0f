/**
 * How a fapiao reaches the customer. The values are part of the REST contract. `email` sends the
 * digital fapiao's files to one or more addresses; the others bring a paper fapiao.
 */
export const SHIPPING_METHODS = ['email', 'yunda', 'sf_freight_collect', 'pickup'] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];

/** New applications are delivered electronically unless the customer asks for paper. */
export const DEFAULT_SHIPPING_METHOD: ShippingMethod = 'email';

/** How many addresses one application's fapiao may be emailed to. */
export const MAX_DELIVERY_EMAILS = 5;

/** Methods that send the fapiao by courier and therefore need a full mailing address. */
export const MAILING_METHODS: readonly ShippingMethod[] = ['yunda', 'sf_freight_collect'];

export function isMailingMethod(method: ShippingMethod): boolean {
  return MAILING_METHODS.includes(method);
}

export function isEmailMethod(method: ShippingMethod): boolean {
  return method === 'email';
}

/** The shipping part of an application, as customers send it and as it is stored. */
export interface ShippingDetails {
  method: ShippingMethod;
  recipient?: string | null;
  phone?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  address?: string | null;
  postalCode?: string | null;
  /** `email` only: where the fapiao's files go. */
  deliveryEmails?: string[] | null;
}

/** Address fields that only make sense when the fapiao is mailed. */
export const MAILING_ADDRESS_FIELDS = [
  'province',
  'city',
  'district',
  'address',
  'postalCode',
] as const satisfies readonly (keyof ShippingDetails)[];
