import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId?: string;
  headers: Map<string, unknown>;
  /** Every http(s) link in the text part. */
  links: string[];
  /** Attached files, decoded. */
  attachments: { filename?: string; contentType: string; content: Buffer }[];
}

const LINK = /https?:\/\/[^\s"'<>)]+/g;

/**
 * A real SMTP server on a free port that keeps what it receives. It can be stopped and started
 * again on the same port (to simulate an outage) and told to refuse some recipients permanently.
 */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private server?: SMTPServer;
  private port = 0;
  private rejected: RegExp[] = [];

  /** `delayMs`: how long each message takes to be accepted, like a slow relay. */
  constructor(private readonly options: { delayMs?: number } = {}) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejected.some((pattern) => pattern.test(address.address))) {
          const error = Object.assign(new Error(`Mailbox ${address.address} does not exist`), {
            responseCode: 550,
          });
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.options.delayMs) await sleep(this.options.delayMs);
            const text = mail.text ?? '';
            this.messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from:
                typeof session.envelope.mailFrom === 'object'
                  ? session.envelope.mailFrom.address
                  : '',
              subject: mail.subject ?? '',
              text,
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId,
              headers: mail.headers,
              links: [...new Set(text.match(LINK) ?? [])],
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
              })),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(this.port, '127.0.0.1', () => done());
    });
    this.port = (server.server.address() as AddressInfo).port;
    // A client that goes away mid-session (a killed app) is its own problem, not the server's:
    // smtp-server emits its socket's error here, which would otherwise end the test process.
    server.on('error', () => undefined);
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  rejectRecipients(pattern: RegExp): void {
    this.rejected.push(pattern);
  }

  clear(): void {
    this.messages.length = 0;
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter(
      (m) => m.to.includes(address.toLowerCase()) || m.to.includes(address),
    );
  }

  /** Waits until `predicate` matches at least `count` messages; returns those messages. */
  async waitFor(
    predicate: (mail: CapturedMail) => boolean = () => true,
    { count = 1, timeoutMs = 10_000 }: { count?: number; timeoutMs?: number } = {},
  ): Promise<CapturedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(predicate);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `Expected ${count} matching mail(s) within ${timeoutMs} ms, got ${found.length}. ` +
            `Received: ${this.messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join(' | ') || 'nothing'}`,
        );
      }
      await sleep(25);
    }
  }
}
