/** Paths the portal does not serve: the API, the back office, health checks, the API docs. */
const NOT_PORTAL = /^\/(api|admin|health)(\/|$)/;

export const ASSETS_PATH = '/assets';

export function isPortalPath(path: string): boolean {
  return !NOT_PORTAL.test(path);
}

/**
 * A `next` target after sign-in: a path of this site only (no scheme, no `//host`, no
 * backslash tricks), else the billing records.
 */
export function safeReturnPath(next: unknown, fallback = '/billing-records'): string {
  if (typeof next !== 'string' || next.length > 512) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  if ([...next].some((c) => c.charCodeAt(0) < 0x20) || !isPortalPath(next)) return fallback;
  return next;
}
