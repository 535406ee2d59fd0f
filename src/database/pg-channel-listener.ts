import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RECONNECT_DELAY_MS = 5_000;

export interface ChannelHandlers {
  onNotification(payload: string): void;
  /** LISTEN is in place: from now on every NOTIFY on the channel reaches `onNotification`. */
  onListening?(): void;
  /** The connection is gone: notifications may be missed until `onListening` again. */
  onLost?(): void;
}

/**
 * A dedicated connection that LISTENs on one channel (PostgreSQL sends a NOTIFY on commit to
 * every listening instance). If the connection drops it reconnects after a delay, telling the
 * owner so it can stop relying on notifications meanwhile.
 */
export class PgChannelListener {
  private readonly logger = new Logger(PgChannelListener.name);
  private client?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly handlers: ChannelHandlers,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name "${channel}"`);
  }

  async start(): Promise<void> {
    this.stopped = false;
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: `fapiao-listen-${this.channel}`.slice(0, 63),
    });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.onNotification(message.payload ?? '');
    });
    client.on('error', (error) => this.reconnect(`connection error: ${error.message}`));
    client.on('end', () => this.reconnect('connection ended'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.client === client) this.handlers.onListening?.();
    } catch (error) {
      this.reconnect(`could not listen: ${(error as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    client?.removeAllListeners();
    await client?.end().catch(() => undefined);
  }

  private reconnect(reason: string): void {
    if (this.stopped || this.reconnectTimer) return;
    this.handlers.onLost?.();
    this.logger.warn(
      `Listener on "${this.channel}": ${reason}; reconnecting in ${RECONNECT_DELAY_MS} ms`,
    );
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
