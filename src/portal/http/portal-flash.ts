import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { PortalFlash, PortalRequest } from '../sign-in/portal-customer';
import { toError } from './to-error';

const logger = new Logger('PortalSession');

/**
 * A 303 to `location` once the session's changes are stored. express-session saves a changed
 * session while the response is already going out, so a browser can follow the redirect and
 * read the session before the change is in it.
 */
export function redirectAfterSaving(req: PortalRequest, res: Response, location: string): void {
  req.session.save((error?: unknown) => {
    // The change that led here is done; only what the session was to carry (a message) is lost.
    if (error) logger.error(`The session could not be saved: ${toError(error).message}`);
    res.redirect(303, location);
  });
}

/** Post/redirect/get: the message is kept in the session and shown once by the next page. */
export function redirectWithFlash(
  req: PortalRequest,
  res: Response,
  location: string,
  flash: PortalFlash,
): void {
  req.session.flash = flash;
  redirectAfterSaving(req, res, location);
}
