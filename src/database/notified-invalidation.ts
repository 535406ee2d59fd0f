import type { DatabaseNotifications } from './database-notifications';

/**
 * What an in-memory copy of database rows needs to be trusted across instances: a LISTEN on the
 * channel that a trigger notifies on commit of any change, whoever writes it.
 *
 * A copy may be kept only while the LISTEN is in place (`mayKeep`), and each notification, each
 * loss of the listener and each new LISTEN bumps a generation: a read that began before one of
 * them (it may have seen the rows before the change) is used once and not kept. `drop` is told
 * what to throw away: the notification's payload, or `undefined` for everything.
 */
export class NotifiedInvalidation {
  private listening = false;
  private generation = 0;

  constructor(
    private readonly channel: string,
    private readonly drop: (payload: string | undefined) => void,
  ) {}

  /** Follows the channel on the instance's listening connection (call it in `onModuleInit`). */
  subscribe(notifications: DatabaseNotifications): void {
    notifications.subscribe(this.channel, {
      onNotification: (payload) => this.changed(payload),
      onListening: () => {
        // Changes committed before LISTEN took effect were never notified.
        this.changed(undefined);
        this.listening = true;
      },
      onLost: () => {
        this.listening = false;
        this.changed(undefined);
      },
    });
  }

  /** Taken before reading the rows a copy is made of. */
  currentGeneration(): number {
    return this.generation;
  }

  /** Whether what was read since `generation` may be kept. */
  mayKeep(generation: number): boolean {
    return this.listening && generation === this.generation;
  }

  /** A change: from a notification, or one this instance's own write path has just committed. */
  changed(payload: string | undefined): void {
    this.generation++;
    this.drop(payload);
  }
}
