import { fork } from 'node:child_process';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  received(): Promise<number>;
  close(): Promise<void>;
}

type SinkMessage = { port: number } | { received: number };

/**
 * A local SMTP server that accepts and discards every message, counting them. It runs in its own
 * process so it does not share the event loop with the dispatcher being measured.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const child = fork(__filename, ['--sink'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = () =>
    new Promise<SinkMessage>((resolve) => child.once('message', (m) => resolve(m as SinkMessage)));
  const { port } = (await next()) as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: async () => {
      const answer = next();
      child.send('count');
      return ((await answer) as { received: number }).received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function runSink(): void {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.server.address() as { port: number };
    process.send!({ port });
  });
  process.on('message', () => process.send!({ received }));
}

if (process.argv.includes('--sink')) runSink();
