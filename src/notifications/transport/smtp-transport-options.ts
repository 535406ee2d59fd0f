import { Socket } from 'node:net';
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

/**
 * nodemailer's options for SMTP_URL. For plain `smtp://` (STARTTLS included) it connects with
 * TCP_NODELAY: without it the message's closing "." waits for the server's delayed ACK, about
 * 40 ms per mail per connection, which caps a connection at ~20 mails a second. (`smtps://`
 * needs nodemailer's own TLS socket, so it keeps the default.)
 */
export function smtpTransportOptions(url: string): SMTPPool.Options {
  const options: SMTPPool.Options = { ...DEFAULTS, ...parseConnectionUrl(url) };
  if (!options.secure) {
    options.getSocket = (_options, callback) => {
      const socket = new Socket();
      socket.setNoDelay(true);
      // nodemailer resolves, connects (with its timeouts) and speaks SMTP on this socket.
      callback(null, { socket });
    };
  }
  return options;
}
