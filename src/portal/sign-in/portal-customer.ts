import type { Request } from 'express';
import type { AuthenticatedCustomer } from '../../auth/customer/current-customer.decorator';
import type { Locale } from '../../common/locale';
import type { LinkTokenPage } from '../pages/link-tokens';

/** What a portal session stores: the account and its token version at sign-in. */
export interface PortalSessionSubject {
  accountId: string;
  tokenVersion: number;
}

/** The signed-in customer of a portal request (set by passport from the session). */
export interface PortalCustomer extends AuthenticatedCustomer {
  tokenVersion: number;
}

/** A flash message: shown once, on the next page the browser opens. */
export interface PortalFlash {
  kind: 'success' | 'info' | 'error';
  key: string;
  params?: Record<string, string>;
}

declare module 'express-session' {
  interface SessionData {
    flash?: PortalFlash;
    /** A token from a mail link, kept here so that the page's URL no longer carries it. */
    linkTokens?: Partial<Record<LinkTokenPage, string>>;
    /** Where sign-in leads when the form names no `next` (set by /apply?orderNumber=…). */
    returnTo?: string;
    /** The address the "check your mail" page talks about, after registering. */
    registeredEmail?: string;
    /** Set by passport (`req.login`). */
    passport?: { user?: PortalSessionSubject };
  }
}

export type PortalRequest = Request & { user?: PortalCustomer; locale: Locale };
