import type { DatabaseEndpoint } from './database-endpoint';
import { DatabaseNotifications } from './database-notifications';

// Nothing here connects: a URL nobody listens on proves no connection is attempted.
const endpoint = { url: 'postgres://nobody@127.0.0.1:1/none' } as DatabaseEndpoint;
const handlers = { onNotification: () => undefined };

describe('DatabaseNotifications', () => {
  it('refuses a channel name that could not be a LISTEN identifier', () => {
    const notifications = new DatabaseNotifications(endpoint);
    expect(() => notifications.subscribe('orders; DROP TABLE orders', handlers)).toThrow(
      /Invalid channel name/,
    );
  });

  it('opens no connection when nothing subscribed, and refuses a subscription after boot', async () => {
    const notifications = new DatabaseNotifications(endpoint);
    await notifications.onApplicationBootstrap();
    expect(() => notifications.subscribe('late_channel', handlers)).toThrow(/in onModuleInit/);
    await notifications.onModuleDestroy();
  });
});
