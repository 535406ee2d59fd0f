import { HttpStatus } from '@nestjs/common';
import type AdminJS from 'adminjs' with { 'resolution-mode': 'import' };
import express, { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { StaffAdmin } from '../admin-access';
import { LoginThrottledError, StaffLoginService } from './staff-login.service';

export interface StaffSignInDeps {
  admin: AdminJS;
  staffLogin: StaffLoginService;
  /** The back office's session middleware (the same store and cookie as AdminJS's). */
  session: RequestHandler;
  rootPath: string;
}

type SignInSession = {
  adminUser?: StaffAdmin;
  redirectTo?: string;
};

function sessionOf(req: Request): SignInSession {
  return req.session as unknown as SignInSession;
}

/** Saves the session, then redirects: the next page must find the session stored. */
function saveAndRedirect(req: Request, res: Response, next: NextFunction, to: string): void {
  req.session.save((error) => (error ? next(error) : res.redirect(HttpStatus.FOUND, to)));
}

/**
 * The back office's sign-in, answered here instead of by @adminjs/express, whose handler can
 * answer a refusal only with 400 or 200: a throttled attempt is a 429 with Retry-After here.
 * AdminJS still draws the page (`renderLogin`); these routes run before its own.
 */
export function staffSignInRoutes(deps: StaffSignInDeps): Router {
  const { admin, staffLogin, rootPath } = deps;
  const loginPath = `${rootPath}/login`;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  const loginPage = async (errorMessage: string | null) =>
    admin.renderLogin({ action: loginPath, errorMessage });

  router.post('/login', deps.session, form, async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let staff: StaffAdmin | null;
      try {
        staff = await staffLogin.login(body.email, body.password, req.ip, req.get('user-agent'));
      } catch (error) {
        if (!(error instanceof LoginThrottledError)) throw error;
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        res.status(HttpStatus.TOO_MANY_REQUESTS).send(await loginPage(error.message));
        return;
      }
      if (!staff) {
        res.status(HttpStatus.OK).send(await loginPage('invalidCredentials'));
        return;
      }
      completeSignIn(req, res, next, staff);
    } catch (error) {
      next(error);
    }
  });

  /** Signs the staff member in, in a new session (no session id from before the sign-in). */
  function completeSignIn(req: Request, res: Response, next: NextFunction, staff: StaffAdmin) {
    const redirectTo = sessionOf(req).redirectTo;
    req.session.regenerate((error) => {
      if (error) return next(error);
      sessionOf(req).adminUser = staff;
      saveAndRedirect(req, res, next, redirectTo ?? rootPath);
    });
  }

  return router;
}
