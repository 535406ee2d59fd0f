import type { Response } from 'express';
import { redirectAfterSaving } from '../http/portal-flash';
import type { PortalRequest } from '../sign-in/portal-customer';

export type LinkTokenPage = 'reset-password' | 'confirm-email-change' | 'sign-in-link';

/**
 * A mail link's token moves from the URL into the session and the browser is sent to the same
 * page without it: the token is then in no history, log or referrer, and opening the link (a
 * mail scanner does) uses nothing up; only the page's POST does.
 */
export function keepLinkToken(
  req: PortalRequest,
  res: Response,
  page: LinkTokenPage,
  token: unknown,
): boolean {
  if (typeof token !== 'string' || token.length === 0 || token.length > 128) return false;
  req.session.linkTokens = { ...req.session.linkTokens, [page]: token };
  redirectAfterSaving(req, res, `/${page}`);
  return true;
}

export function linkTokenOf(req: PortalRequest, page: LinkTokenPage): string | undefined {
  return req.session.linkTokens?.[page];
}

export function forgetLinkToken(req: PortalRequest, page: LinkTokenPage): void {
  if (req.session.linkTokens) delete req.session.linkTokens[page];
}
