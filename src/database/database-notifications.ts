import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { DatabaseEndpoint } from './database-endpoint';

const RECONNECT_DELAY_MS = 5_000;
const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

/** What the listening connection is called in pg_stat_activity. */
const LISTENER_APPLICATION_NAME = 'fapiao-listen';

export interface ChannelHandlers {
  onNotification(payload: string): void;
  /** LISTEN is in place: from now on every NOTIFY on the channel reaches `onNotification`. */
  onListening?(): void;
  /** The connection is gone: notifications may be missed until `onListening` again. */
  onLost?(): void;
}

/**
 * This instance's one LISTEN connection, for every channel it follows (PostgreSQL sends a NOTIFY
 * on commit to every listening connection). One for all channels rather than one per channel:
 * on each commit that notifies, PostgreSQL wakes every listening connection of the database,
 * whatever it listens to, so every extra listener costs every write (docs/performance.md).
 *
 * Subscribers register in `onModuleInit`; the connection LISTENs on all their channels when the
 * application bootstraps. If it drops, it reconnects after a delay, telling every subscriber so
 * it can stop relying on notifications meanwhile, and again when it is listening.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseNotifications.name);
  private readonly subscribers = new Map<string, ChannelHandlers[]>();
  private client?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private bootstrapped = false;
  private stopped = false;

  constructor(private readonly endpoint: DatabaseEndpoint) {}

  subscribe(channel: string, handlers: ChannelHandlers): void {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`Invalid channel name "${channel}"`);
    if (this.bootstrapped) {
      throw new Error(`Subscribe to "${channel}" in onModuleInit, before the application boots`);
    }
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), handlers]);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.bootstrapped = true;
    if (this.subscribers.size > 0) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    if (client) this.tellEach((handlers) => handlers.onLost?.());
    client?.removeAllListeners();
    // As in reconnect(): a FATAL that arrives while it ends (a terminated backend) is expected.
    client?.on('error', () => undefined);
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.endpoint.url,
      application_name: LISTENER_APPLICATION_NAME,
    });
    client.on('notification', (message) => {
      for (const handlers of this.subscribers.get(message.channel) ?? []) {
        handlers.onNotification(message.payload ?? '');
      }
    });
    client.on('error', (error) => this.reconnect(`connection error: ${error.message}`));
    client.on('end', () => this.reconnect('connection ended'));
    this.client = client;
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
      if (this.client === client) this.tellEach((handlers) => handlers.onListening?.());
    } catch (error) {
      this.reconnect(`could not listen: ${(error as Error).message}`);
    }
  }

  private reconnect(reason: string): void {
    if (this.stopped || this.reconnectTimer) return;
    this.tellEach((handlers) => handlers.onLost?.());
    this.logger.warn(`Notification listener: ${reason}; reconnecting in ${RECONNECT_DELAY_MS} ms`);
    const old = this.client;
    this.client = undefined;
    old?.removeAllListeners();
    // A dropped client may still emit an error (e.g. a FATAL after a failed connect); unheard,
    // it would end the process.
    old?.on('error', () => undefined);
    old?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.listen();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }

  private tellEach(tell: (handlers: ChannelHandlers) => void): void {
    for (const list of this.subscribers.values()) list.forEach(tell);
  }
}
