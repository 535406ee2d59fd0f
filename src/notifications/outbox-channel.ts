/** The Postgres channel OutboxWakeUp NOTIFYs once mails are committed; every dispatcher LISTENs. */
export const MAIL_OUTBOX_CHANNEL = 'mail_outbox';
