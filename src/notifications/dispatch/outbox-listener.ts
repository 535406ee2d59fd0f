import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { MAIL_OUTBOX_CHANNEL } from '../outbox-channel';

const RECONNECT_DELAY_MS = 5_000;

/**
 * A dedicated connection that LISTENs for enqueues (NOTIFY is sent on commit, to every
 * instance), so a mail leaves seconds before the next interval tick. If the connection drops it
 * reconnects; meanwhile the interval tick still delivers everything.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onNotification: () => void,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'fapiao-mail-listener',
    });
    client.on('notification', () => this.onNotification());
    client.on('error', (error) => this.reconnect(`connection error: ${error.message}`));
    client.on('end', () => this.reconnect('connection ended'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${MAIL_OUTBOX_CHANNEL}`);
    } catch (error) {
      this.reconnect(`could not listen: ${(error as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private reconnect(reason: string): void {
    if (this.stopped || this.reconnectTimer) return;
    this.logger.warn(`Mail outbox listener ${reason}; reconnecting in ${RECONNECT_DELAY_MS} ms`);
    const old = this.client;
    this.client = undefined;
    old?.removeAllListeners();
    old?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.start();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
