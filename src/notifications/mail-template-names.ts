import type { MailTemplateName } from './mail-catalogue';

/**
 * The catalogue's names at run time. `satisfies Record<…>` makes the compiler reject a name that
 * is missing here or not in the catalogue, so this list and `MailCatalogue` cannot drift apart.
 */
const NAMES = {
  'order-confirmation': true,
  'account-activation': true,
  'account-already-exists': true,
  'password-reset': true,
  'sign-in-link': true,
  'account-joined': true,
  'password-changed': true,
  'email-change-confirmation': true,
  'email-changed-notice': true,
  'application-received': true,
  'application-issued': true,
  'application-mailed-out': true,
  'application-ready-for-pickup': true,
  'application-on-hold': true,
  'application-due-date-moved': true,
  'application-rejected': true,
  'support-request-received': true,
  'support-request-resolved': true,
  'red-letter-form': true,
  'red-letter-form-lapsed': true,
} as const satisfies Record<MailTemplateName, true>;

export const MAIL_TEMPLATE_NAMES = Object.keys(NAMES) as MailTemplateName[];

export function isMailTemplateName(value: unknown): value is MailTemplateName {
  return typeof value === 'string' && Object.hasOwn(NAMES, value);
}
