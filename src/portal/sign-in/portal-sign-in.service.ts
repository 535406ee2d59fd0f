import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { toError } from '../http/to-error';
import type { PortalCustomer, PortalRequest } from './portal-customer';
import { PORTAL_LOCAL_STRATEGY } from './portal-local.strategy';
import { PortalPassport } from './portal-passport';

/**
 * Sign-in and sign-out of portal sessions through passport. `req.login` regenerates the
 * session id (passport ≥ 0.6), so a session id planted before sign-in is worth nothing after.
 */
@Injectable()
export class PortalSignInService {
  constructor(private readonly passport: PortalPassport) {}

  /** Checks the form's email and password (PortalLocalStrategy); throws what LoginService throws. */
  authenticate(req: PortalRequest, res: Response): Promise<PortalCustomer | false> {
    return new Promise((resolve, reject) => {
      this.passport.instance.authenticate(
        PORTAL_LOCAL_STRATEGY,
        { session: false },
        (error: unknown, customer: PortalCustomer | false) =>
          error ? reject(toError(error)) : resolve(customer),
      )(req, res, (error?: unknown) => reject(toError(error)));
    });
  }

  /** A new session for `customer` (also after a password change, with the new token version). */
  signIn(req: PortalRequest, customer: PortalCustomer): Promise<void> {
    return new Promise((resolve, reject) =>
      req.login(customer, { session: true, keepSessionInfo: false }, (error?: unknown) =>
        error ? reject(toError(error)) : resolve(),
      ),
    );
  }

  /** Ends this session: its row is deleted and the browser's cookie cleared. */
  signOut(req: PortalRequest, res: Response, cookieName: string): Promise<void> {
    return new Promise((resolve, reject) =>
      req.logout({ keepSessionInfo: false }, (error?: unknown) => {
        if (error) return reject(toError(error));
        req.session.destroy((destroyError?: unknown) => {
          if (destroyError) return reject(toError(destroyError));
          res.clearCookie(cookieName, { path: '/' });
          resolve();
        });
      }),
    );
  }
}
