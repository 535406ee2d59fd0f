import type { ShippingDto } from '../../fapiao/applications/dto/application.dto';
import { MAILING_ADDRESS_FIELDS } from '../../shipping/shipping-method';

/** The paper delivery's fields on the delivery form. */
export const PARCEL_FIELDS = ['recipient', 'phone', ...MAILING_ADDRESS_FIELDS] as const;

/** The form's one text field for the email delivery's addresses. */
export const DELIVERY_EMAILS_FIELD = 'deliveryEmails';

/** "a@example.com, b@example.com" as typed (commas, semicolons, spaces or lines) → addresses. */
export function deliveryEmailsFromForm(typed: string): string[] {
  return typed
    .split(/[\s,;，；、]+/)
    .map((email) => email.trim())
    .filter((email) => email !== '');
}

export function deliveryEmailsForForm(emails: readonly string[] | undefined | null): string {
  return (emails ?? []).join(', ');
}

/** The delivery's facts as the review and application pages list them. */
export function shippingRows(shipping: ShippingDto): { labelKey: string; value: string }[] {
  const rows = PARCEL_FIELDS.filter((name) => shipping[name]).map((name) => ({
    labelKey: `journey.shipping.${name}`,
    value: shipping[name]!,
  }));
  if (shipping.deliveryEmails && shipping.deliveryEmails.length > 0) {
    rows.push({
      labelKey: 'journey.shipping.deliveryEmails',
      value: deliveryEmailsForForm(shipping.deliveryEmails),
    });
  }
  return rows;
}
