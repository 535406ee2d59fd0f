import { mkdirSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface LocalMailSinkOptions {
  directory: string;
  log: (message: string) => void;
}

const LINK = /https?:\/\/[^\s"'<>]+/g;

/**
 * Development stand-in for a mail server: a real SMTP server on 127.0.0.1 that accepts every
 * message, writes it to `<directory>/<time>-<n>.eml` and logs its recipient, subject and links,
 * so a person trying the service can click the activation link from the console.
 */
export class LocalMailSink {
  private server?: SMTPServer;
  private counter = 0;

  constructor(private readonly options: LocalMailSinkOptions) {}

  async start(): Promise<string> {
    const directory = resolve(this.options.directory);
    mkdirSync(directory, { recursive: true });
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      banner: 'fapiao local mail sink',
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const file = join(
            directory,
            `${new Date().toISOString().replace(/[:.]/g, '-')}-${++this.counter}.eml`,
          );
          writeFileSync(file, raw);
          void this.describe(
            raw,
            session.envelope.rcptTo.map((r) => r.address),
            file,
          );
          callback();
        });
      },
    });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done());
    });
    this.server = server;
    const { port } = server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  private async describe(raw: Buffer, recipients: string[], file: string): Promise<void> {
    try {
      const mail = await simpleParser(raw);
      const links = [...new Set((mail.text ?? '').match(LINK) ?? [])];
      this.options.log(
        `Mail to ${recipients.join(', ')}: "${mail.subject ?? ''}" (saved to ${file})` +
          (links.length ? `\n  links: ${links.join('\n         ')}` : ''),
      );
    } catch (error) {
      this.options.log(
        `Mail to ${recipients.join(', ')} saved to ${file} (could not be parsed: ${String(error)})`,
      );
    }
  }
}
