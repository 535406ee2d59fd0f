import type { FieldError } from '../common/errors/problem.exception';
import { isMailingMethod, MAILING_ADDRESS_FIELDS, ShippingDetails } from './shipping-method';

/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** Mainland China postal codes: 6 digits. */
export const POSTAL_CODE = /^\d{6}$/;
/** A phone for pick-up: a mainland mobile or a landline such as 021-28986102. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

function blank(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim() === '';
}

/**
 * The rules of the shipping part, by method. Returns every failing field (prefixed with
 * `prefix`, e.g. `shipping.postalCode`) so the customer can fix them all at once.
 *
 * - Yunda and SF (freight collect) mail the fapiao: recipient, a mainland mobile number,
 *   province, city, district, street address and a 6-digit postal code are all required.
 * - Pick-up needs only a contact name (`recipient`) and a phone; address fields are refused so
 *   nobody believes the fapiao will be mailed there.
 */
export function checkShippingDetails(shipping: ShippingDetails, prefix = 'shipping'): FieldError[] {
  const errors: FieldError[] = [];
  const field = (name: string) => `${prefix}.${name}`;

  if (blank(shipping.recipient)) {
    errors.push({
      field: field('recipient'),
      message: isMailingMethod(shipping.method)
        ? `${field('recipient')} is required when the fapiao is mailed`
        : `${field('recipient')} (the person who picks the fapiao up) is required`,
    });
  }

  if (isMailingMethod(shipping.method)) {
    if (blank(shipping.phone)) {
      errors.push({
        field: field('phone'),
        message: `${field('phone')} is required when the fapiao is mailed`,
      });
    } else if (!MAINLAND_MOBILE.test(shipping.phone!.trim())) {
      errors.push({
        field: field('phone'),
        message: `${field('phone')} must be a mainland China mobile number: 11 digits starting with 13–19`,
      });
    }
    for (const name of ['province', 'city', 'district', 'address'] as const) {
      if (blank(shipping[name])) {
        errors.push({
          field: field(name),
          message: `${field(name)} is required when the fapiao is mailed`,
        });
      }
    }
    if (blank(shipping.postalCode)) {
      errors.push({
        field: field('postalCode'),
        message: `${field('postalCode')} is required when the fapiao is mailed`,
      });
    } else if (!POSTAL_CODE.test(shipping.postalCode!.trim())) {
      errors.push({
        field: field('postalCode'),
        message: `${field('postalCode')} must be 6 digits`,
      });
    }
    return errors;
  }

  // Pick-up.
  if (blank(shipping.phone)) {
    errors.push({ field: field('phone'), message: `${field('phone')} is required for pick-up` });
  } else {
    const phone = shipping.phone!.trim();
    if (!MAINLAND_MOBILE.test(phone) && !LANDLINE.test(phone)) {
      errors.push({
        field: field('phone'),
        message: `${field('phone')} must be a mainland mobile number (e.g. 13812345678) or a landline (e.g. 021-28986102)`,
      });
    }
  }
  for (const name of MAILING_ADDRESS_FIELDS) {
    if (!blank(shipping[name])) {
      errors.push({
        field: field(name),
        message: `${field(name)} must not be given for pick-up: the fapiao is collected at the branch`,
      });
    }
  }
  return errors;
}

/** Trims every text field and drops address fields that do not apply to the method. */
export function normaliseShippingDetails(shipping: ShippingDetails): ShippingDetails {
  const trim = (value: string | null | undefined) => (blank(value) ? null : value!.trim());
  const mailed = isMailingMethod(shipping.method);
  return {
    method: shipping.method,
    recipient: trim(shipping.recipient),
    phone: trim(shipping.phone),
    province: mailed ? trim(shipping.province) : null,
    city: mailed ? trim(shipping.city) : null,
    district: mailed ? trim(shipping.district) : null,
    address: mailed ? trim(shipping.address) : null,
    postalCode: mailed ? trim(shipping.postalCode) : null,
  };
}
