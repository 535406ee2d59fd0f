import { isEmail } from 'class-validator';
import type { FieldError } from '../common/errors/problem.exception';
import {
  DEFAULT_SHIPPING_METHOD,
  isEmailMethod,
  isMailingMethod,
  MAILING_ADDRESS_FIELDS,
  MAX_DELIVERY_EMAILS,
  ShippingDetails,
} from './shipping-method';

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
  if (isEmailMethod(shipping.method)) return checkEmailDelivery(shipping, prefix);
  const errors: FieldError[] = [];
  const field = (name: string) => `${prefix}.${name}`;
  if ((shipping.deliveryEmails ?? []).length > 0) {
    errors.push({
      field: field('deliveryEmails'),
      message: `${field('deliveryEmails')} must not be given unless the method is email: a paper fapiao is not emailed`,
    });
  }

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

/**
 * `email`: one to five valid addresses, nothing of a parcel (recipient and phone are not needed,
 * address fields are refused as for pick-up, so nobody expects paper).
 */
function checkEmailDelivery(shipping: ShippingDetails, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const field = `${prefix}.deliveryEmails`;
  const emails = deliveryEmailsOf(shipping);
  if (emails.length === 0) {
    errors.push({ field, message: `${field} needs at least one email address` });
  } else if (emails.length > MAX_DELIVERY_EMAILS) {
    errors.push({ field, message: `${field} may list at most ${MAX_DELIVERY_EMAILS} addresses` });
  } else {
    const wrong = emails.filter((email) => email.length > 254 || !isEmail(email));
    if (wrong.length > 0) {
      errors.push({
        field,
        message: `${field} has an address that is not an email address: ${wrong.join(', ')}`,
      });
    }
  }
  for (const name of ['recipient', 'phone', ...MAILING_ADDRESS_FIELDS] as const) {
    if (!blank(shipping[name])) {
      errors.push({
        field: `${prefix}.${name}`,
        message: `${prefix}.${name} must not be given for email delivery: nothing is sent by post`,
      });
    }
  }
  return errors;
}

/** The addresses as stored: trimmed, lower-cased as account emails are, each once. */
function deliveryEmailsOf(shipping: ShippingDetails): string[] {
  const emails = (shipping.deliveryEmails ?? [])
    .map((email) => email.trim().toLowerCase())
    .filter((email) => email !== '');
  return [...new Set(emails)];
}

/**
 * The delivery a customer asked for, with the defaults filled in: no delivery at all is email,
 * and email without addresses goes to the signed-in account's address.
 */
export function withDeliveryDefaults(
  shipping: ShippingDetails | undefined,
  accountEmail: string,
): ShippingDetails {
  const chosen = shipping ?? { method: DEFAULT_SHIPPING_METHOD };
  if (isEmailMethod(chosen.method) && deliveryEmailsOf(chosen).length === 0) {
    return { ...chosen, deliveryEmails: [accountEmail] };
  }
  return chosen;
}

/** Trims every text field and drops the fields that do not apply to the method. */
export function normaliseShippingDetails(shipping: ShippingDetails): ShippingDetails {
  const trim = (value: string | null | undefined) => (blank(value) ? null : value!.trim());
  const mailed = isMailingMethod(shipping.method);
  const emailed = isEmailMethod(shipping.method);
  return {
    method: shipping.method,
    recipient: emailed ? null : trim(shipping.recipient),
    phone: emailed ? null : trim(shipping.phone),
    province: mailed ? trim(shipping.province) : null,
    city: mailed ? trim(shipping.city) : null,
    district: mailed ? trim(shipping.district) : null,
    address: mailed ? trim(shipping.address) : null,
    postalCode: mailed ? trim(shipping.postalCode) : null,
    deliveryEmails: emailed ? deliveryEmailsOf(shipping) : null,
  };
}
