/**
 * Every mail the product sends, with the context its templates need. This is the contract
 * between the notifications module and its callers: `NotificationsService.enqueue` only accepts
 * these names, with these contexts (type-checked), and the templates under
 * `templates/mail/<name>/` may use only these fields.
 *
 * Conventions: URLs are absolute (built from PUBLIC_BASE_URL); amounts are integer fen
 * (templates format them as yuan); dates are `YYYY-MM-DD` (Asia/Shanghai); instants are ISO-8601.
 */
export interface MailCatalogue {
  /** To the order's contact email when the payment platform pushes a new order. */
  'order-confirmation': {
    orderNumber: string;
    amountFen: number;
    registrationUrl: string;
    /** For a customer who already has an account: sign in, straight to this bill (optional for older rows). */
    applyUrl?: string;
  };
  /** After registering (and on resend): the 24-hour activation link. */
  'account-activation': { activationUrl: string; expiresAt: string };
  /** Someone registered with an email that already has an active account (no enumeration). */
  'account-already-exists': { loginUrl: string; forgotPasswordUrl: string };
  /** Forgotten password: a single-use reset link (1 hour); never a password. */
  'password-reset': { resetUrl: string; expiresAt: string };
  /**
   * To the order's contact email and the company's other accounts when an account is activated:
   * which email joined, and how to report it (the order number is a weak credential).
   */
  'account-joined': {
    joinedEmail: string;
    joinedOn: string;
    orderNumber: string;
    accountsUrl: string;
    supportPhone: string;
  };
  /** A single-use sign-in link (15 minutes): on request, or when password sign-in is locked. */
  'sign-in-link': { signInUrl: string; expiresAt: string };
  /** Sent after a password change or reset, so the owner notices one they did not make. */
  'password-changed': { changedAt: string; supportPhone: string };
  /** To the NEW address: confirm the login email change (1 hour). */
  'email-change-confirmation': { confirmUrl: string; newEmail: string; expiresAt: string };
  /** To the OLD address once the change is confirmed. */
  'email-changed-notice': { newEmail: string; supportPhone: string };
  'application-received': {
    orderNumber: string;
    applicationUrl: string;
    dueDate: string;
    /** How the fapiao will come (optional for older rows). */
    deliveryMethod?: string;
    /** `email` delivery: the addresses, comma-separated. */
    deliveryEmails?: string;
  };
  'application-issued': {
    orderNumber: string;
    applicationUrl: string;
    documents: { number: string; issueDate: string; amountFen: number }[];
    /** A digital fapiao (delivered by email): its PDF is attached, its files are on the page. */
    digital?: boolean;
  };
  'application-mailed-out': {
    orderNumber: string;
    applicationUrl: string;
    carrier: string;
    trackingNumber: string;
  };
  'application-ready-for-pickup': {
    orderNumber: string;
    applicationUrl: string;
    branchAddress: string;
    branchContact: string;
  };
  /** Fapiao are out of use (e.g. stock used up): the application waits until the expected date. */
  'application-on-hold': {
    orderNumber: string;
    applicationUrl: string;
    expectedIssueDate: string;
    notice: string;
  };
  /** A published holiday arrangement moved the due date later (earlier ones are only shown). */
  'application-due-date-moved': {
    orderNumber: string;
    applicationUrl: string;
    previousDueDate: string;
    dueDate: string;
    /** The title or number of the State Council's notice. */
    notice: string;
  };
  'application-rejected': { orderNumber: string; applicationUrl: string; reason: string };
  'support-request-received': {
    requestNumber: string;
    requestType: string;
    orderNumber: string;
    requestUrl: string;
  };
  'support-request-resolved': {
    requestNumber: string;
    requestType: string;
    orderNumber: string;
    requestUrl: string;
    resolution: string;
  };
  /**
   * A red-letter confirmation form was raised to reverse a digital fapiao: what the buyer does on
   * its e-tax platform (confirm before `deadlineAt`), or that the red fapiao follows at once.
   */
  'red-letter-form': {
    requestNumber: string;
    orderNumber: string;
    requestUrl: string;
    originalNumber: string;
    reasonCode: string;
    amountFen: number;
    /** The 72-hour deadline (ISO-8601 instant), when the buyer must confirm; absent: it need not. */
    deadlineAt?: string;
  };
  /** The buyer did not confirm the form within 72 hours: it lapsed, support raises a new one. */
  'red-letter-form-lapsed': {
    requestNumber: string;
    orderNumber: string;
    requestUrl: string;
    originalNumber: string;
    amountFen: number;
    deadlineAt: string;
  };
}

export type MailTemplateName = keyof MailCatalogue;
export type MailContext<T extends MailTemplateName> = MailCatalogue[T];

/** Customer service line, printed in mails that tell the customer to call. */
export const CUSTOMER_SERVICE_PHONE = '(86) 400-089-0365';
