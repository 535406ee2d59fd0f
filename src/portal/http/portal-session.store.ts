import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import { sessionStoreQueries } from '../../database/session-store-queries';

const PgSessionStore = connectPgSimple(session);

/** A session nobody used for this long has ended: the customer signs in again. */
export const PORTAL_SESSION_IDLE_SECONDS = 30 * 60;

/** How often one instance moves a live session's expiry forward. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_REMEMBERED_TOUCHES = 50_000;

// As connect-pg-simple compares: `expire` is a timestamp the library writes with to_timestamp().
const LIVE_SESSION =
  'SELECT sess FROM portal_sessions WHERE sid = $1 AND expire >= to_timestamp($2)';

/**
 * Portal sessions in PostgreSQL (`portal_sessions`), so any instance serves them. The row's
 * expiry is the idle timeout: each request would move it forward with an UPDATE, so one instance
 * does that at most once a minute per session, which makes the timeout up to a minute longer.
 */
export class PortalSessionStore extends PgSessionStore {
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {
    super({
      pgPromise: sessionStoreQueries(dataSource),
      tableName: 'portal_sessions',
      createTableIfMissing: false,
      ttl: PORTAL_SESSION_IDLE_SECONDS,
      pruneSessionInterval: 15 * 60,
    });
  }

  override get(
    sid: string,
    callback: (err: unknown, data?: session.SessionData | null) => void,
  ): void {
    this.dataSource
      .query<{ sess: session.SessionData | string }[]>(LIVE_SESSION, [sid, Date.now() / 1000])
      .then(
        ([row]) => callback(null, row ? parsed(row.sess) : null),
        (error: unknown) => callback(error),
      );
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const now = Date.now();
    const last = this.touchedAt.get(sid);
    if (last !== undefined && now - last < TOUCH_INTERVAL_MS) {
      callback?.();
      return;
    }
    this.remember(sid, now);
    super.touch(sid, data, callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.remember(sid, Date.now());
    super.set(sid, data, callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.touchedAt.delete(sid);
    super.destroy(sid, callback);
  }

  private remember(sid: string, at: number): void {
    this.touchedAt.delete(sid);
    if (this.touchedAt.size >= MAX_REMEMBERED_TOUCHES) {
      // Maps iterate in insertion order: forget the session touched longest ago.
      this.touchedAt.delete(this.touchedAt.keys().next().value!);
    }
    this.touchedAt.set(sid, at);
  }
}

function parsed(sess: session.SessionData | string): session.SessionData {
  return typeof sess === 'string' ? (JSON.parse(sess) as session.SessionData) : sess;
}
