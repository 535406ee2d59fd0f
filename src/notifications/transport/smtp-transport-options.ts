import { connect } from 'node:net';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/**
 * Pooled SMTP connections (the outbox sends in parallel batches) and timeouts well inside the
 * dispatcher's claim lease. A setting already in SMTP_URL's query string wins.
 */
const DEFAULTS: SMTPPool.Options = {
  pool: true,
  maxConnections: 5,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 60_000,
};

type GetSocket = NonNullable<SMTPPool.Options['getSocket']>;

/**
 * nodemailer's options for SMTP_URL. For plain `smtp://` (STARTTLS included) the connection is
 * opened here with TCP_NODELAY: without it the message's closing "." waits behind Nagle's
 * algorithm for the server's delayed ACK on every mail. (`smtps://` needs nodemailer's own TLS socket, so it keeps the default.)
 */
export function smtpTransportOptions(url: string): SMTPPool.Options {
  const options: SMTPPool.Options = { ...DEFAULTS, ...parseConnectionUrl(url) };
  if (!options.secure) options.getSocket = connectWithoutDelay;
  return options;
}

/**
 * The pool uses a socket from `getSocket` only when it is handed over already connected (as
 * `connection`); nodemailer then speaks SMTP on it, STARTTLS included. When this connection
 * fails, nodemailer is left to connect by itself (`{}`): handing it the error instead leaves the
 * pooled connection neither broken nor free, and the pool stalls during an SMTP outage.
 */
const connectWithoutDelay: GetSocket = (options, callback) => {
  // nodemailer's own default port for smtp:// is 587.
  const socket = connect({ host: options.host ?? 'localhost', port: options.port ?? 587 });
  socket.setNoDelay(true);
  let settled = false;
  const fallBack = () => {
    socket.destroy();
    if (settled) return;
    settled = true;
    callback(null, {});
  };
  socket.setTimeout(options.connectionTimeout ?? DEFAULTS.connectionTimeout!, fallBack);
  socket.once('error', fallBack);
  socket.once('connect', () => {
    if (settled) return;
    settled = true;
    socket.setTimeout(0);
    socket.off('error', fallBack);
    callback(null, { connection: socket });
  });
};
