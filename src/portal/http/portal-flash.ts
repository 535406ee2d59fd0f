import type { Response } from 'express';
import type { PortalFlash, PortalRequest } from '../sign-in/portal-customer';

/** Post/redirect/get: the message is kept in the session and shown once by the next page. */
export function redirectWithFlash(
  req: PortalRequest,
  res: Response,
  location: string,
  flash: PortalFlash,
): void {
  req.session.flash = flash;
  res.redirect(303, location);
}
