/** How a fapiao reaches the customer. The values are part of the REST contract. */
export const SHIPPING_METHODS = ['yunda', 'sf_freight_collect', 'pickup'] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];

/** Methods that send the fapiao by courier and therefore need a full mailing address. */
export const MAILING_METHODS: readonly ShippingMethod[] = ['yunda', 'sf_freight_collect'];

export function isMailingMethod(method: ShippingMethod): boolean {
  return MAILING_METHODS.includes(method);
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
}

/** Address fields that only make sense when the fapiao is mailed. */
export const MAILING_ADDRESS_FIELDS = [
  'province',
  'city',
  'district',
  'address',
  'postalCode',
] as const satisfies readonly (keyof ShippingDetails)[];
