/** The Postgres NOTIFY channel an enqueue signals on; delivered on commit, to every instance. */
export const MAIL_OUTBOX_CHANNEL = 'mail_outbox';
