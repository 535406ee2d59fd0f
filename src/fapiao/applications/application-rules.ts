import type { FieldError } from '../../common/errors/problem.exception';
import type { Bill } from '../../orders/billing-records/bill';
import type { ShippingDetails } from '../../shipping/shipping-method';
import { checkShippingDetails, normaliseShippingDetails } from '../../shipping/shipping-rules';
import { FapiaoException } from '../fapiao.exception';
import type { ApplicationPurpose, FapiaoTitle, FapiaoType } from '../titles/fapiao-title';
import { isSameParty } from '../titles/party-name';
import { checkTitle, normaliseTitle, purposeRequiresPayerTitle } from '../titles/title-rules';

/** What the customer decides in an application (create, or a draft after an edit). */
export interface ApplicationChoices {
  type: FapiaoType;
  purpose: ApplicationPurpose;
  title: FapiaoTitle;
  shipping: ShippingDetails;
}

/** The field rules of the choices alone: every field at fault, for one 422 answer. */
export function applicationFieldErrors(choices: ApplicationChoices): FieldError[] {
  return [...checkTitle(choices.type, choices.title), ...checkShippingDetails(choices.shipping)];
}

/** The choices as they are stored: trimmed, empty optional fields null. */
export function normaliseChoices(choices: ApplicationChoices): ApplicationChoices {
  return {
    type: choices.type,
    purpose: choices.purpose,
    title: normaliseTitle(choices.title),
    shipping: normaliseShippingDetails(choices.shipping),
  };
}

/** The rules that depend on the bill: its payment has synced, then the payer match. */
export function checkBillRules(choices: ApplicationChoices, bill: Bill): void {
  if (!bill.payment) throw FapiaoException.paymentNotSynced(bill.orderNumber);
  if (
    purposeRequiresPayerTitle(choices.purpose) &&
    !isSameParty(choices.title.buyerName, bill.payment.payerName)
  ) {
    throw FapiaoException.titleMustMatchPayer();
  }
}

/**
 * Every rule an application must satisfy before it is stored or confirmed, in the order a
 * customer can act on: field rules first (422 with all fields), then the bill (payment synced),
 * then the payer match. Returns the normalised choices.
 */
export function checkApplication(choices: ApplicationChoices, bill: Bill): ApplicationChoices {
  const errors = applicationFieldErrors(choices);
  if (errors.length > 0) throw FapiaoException.invalid(errors);
  checkBillRules(choices, bill);
  return normaliseChoices(choices);
}
