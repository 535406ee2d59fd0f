import { HttpStatus } from '@nestjs/common';
import type AdminJS from 'adminjs' with { 'resolution-mode': 'import' };
import express, { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { StaffTwoFactorService } from '../../auth/staff/staff-two-factor.service';
import { Clock } from '../../common/time/clock';
import { StaffAdmin } from '../admin-access';
import { staffLanguage } from '../security/staff-language';
import { recoveryCodesPage, secondFactorPage } from './second-factor-pages';
import { LoginThrottledError, StaffLoginService } from './staff-login.service';

/** How long the second step may wait after the password. */
const SECOND_STEP_MINUTES = 10;

export interface StaffSignInDeps {
  admin: AdminJS;
  staffLogin: StaffLoginService;
  twoFactor: StaffTwoFactorService;
  clock: Clock;
  /** The back office's session middleware (the same store and cookie as AdminJS's). */
  session: RequestHandler;
  rootPath: string;
}

type SignInSession = {
  adminUser?: StaffAdmin;
  redirectTo?: string;
  /** Password accepted, second factor not yet. */
  pendingSignIn?: { staff: StaffAdmin; startedAt: number; enrol: boolean; sealedSecret?: string };
  /** Recovery codes made at enrolment, until their page has shown them once. */
  newRecoveryCodes?: string[];
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
 * answer a refusal only with 400 or 200 and has no second step: a throttled attempt is a 429
 * with Retry-After, and a staff member with two-factor sign-in (or who must set it up) is asked
 * for a code before the session is signed in. AdminJS still draws the password page.
 */
export function staffSignInRoutes(deps: StaffSignInDeps): Router {
  const { admin, staffLogin, twoFactor, clock, rootPath } = deps;
  const loginPath = `${rootPath}/login`;
  const secondStepPath = `${rootPath}/login/two-factor`;
  const recoveryCodesPath = `${rootPath}/login/recovery-codes`;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  const loginPage = async (errorMessage: string | null) =>
    admin.renderLogin({ action: loginPath, errorMessage });

  router.post('/login', deps.session, form, async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let accepted: Awaited<ReturnType<StaffLoginService['login']>>;
      try {
        accepted = await staffLogin.login(body.email, body.password, req.ip, req.get('user-agent'));
      } catch (error) {
        if (!(error instanceof LoginThrottledError)) throw error;
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        res.status(HttpStatus.TOO_MANY_REQUESTS).send(await loginPage(error.message));
        return;
      }
      if (!accepted) {
        res.status(HttpStatus.OK).send(await loginPage('invalidCredentials'));
        return;
      }
      if (accepted.secondFactor === 'none') return completeSignIn(req, res, next, accepted.staff);
      const redirectTo = sessionOf(req).redirectTo;
      req.session.regenerate((error) => {
        if (error) return next(error);
        Object.assign(sessionOf(req), {
          redirectTo,
          pendingSignIn: {
            staff: accepted.staff,
            startedAt: clock.now().getTime(),
            enrol: accepted.secondFactor === 'enrol',
          },
        });
        saveAndRedirect(req, res, next, secondStepPath);
      });
    } catch (error) {
      next(error);
    }
  });

  /** The sign-in waiting for its second factor, if it has not timed out. */
  const pendingOf = (req: Request) => {
    const pending = sessionOf(req).pendingSignIn;
    const fresh =
      pending && clock.now().getTime() - pending.startedAt < SECOND_STEP_MINUTES * 60_000;
    return fresh ? pending : undefined;
  };

  const secondStep = async (
    req: Request,
    pending: NonNullable<SignInSession['pendingSignIn']>,
    error?: 'wrongCode' | 'throttled',
  ) => {
    let enrolment;
    if (pending.enrol) {
      if (!pending.sealedSecret) {
        enrolment = await twoFactor.startEnrolment(pending.staff);
        pending.sealedSecret = enrolment.sealedSecret;
      } else {
        enrolment = await twoFactor.enrolmentFor(pending.staff, pending.sealedSecret);
      }
    }
    return secondFactorPage({
      locale: staffLanguage(req),
      action: secondStepPath,
      loginPath,
      enrolment,
      error,
    });
  };

  /** Sends a page that holds a secret or codes: never kept by a cache. */
  const sendPrivate = (
    req: Request,
    res: Response,
    next: NextFunction,
    status: number,
    html: string,
  ) => {
    res.setHeader('Cache-Control', 'no-store');
    req.session.save((error) => (error ? next(error) : res.status(status).send(html)));
  };

  router.get('/login/two-factor', deps.session, async (req, res, next) => {
    try {
      const pending = pendingOf(req);
      if (!pending) return res.redirect(HttpStatus.FOUND, loginPath);
      sendPrivate(req, res, next, HttpStatus.OK, await secondStep(req, pending));
    } catch (error) {
      next(error);
    }
  });

  router.post('/login/two-factor', deps.session, form, async (req, res, next) => {
    try {
      const pending = pendingOf(req);
      if (!pending) return res.redirect(HttpStatus.FOUND, loginPath);
      const body = (req.body ?? {}) as Record<string, unknown>;
      let outcome: Awaited<ReturnType<StaffLoginService['secondFactor']>>;
      try {
        outcome = await staffLogin.secondFactor({
          staff: pending.staff,
          code: body.code,
          sealedEnrolmentSecret: pending.enrol ? pending.sealedSecret : undefined,
          ip: req.ip,
          userAgent: req.get('user-agent'),
        });
      } catch (error) {
        if (!(error instanceof LoginThrottledError)) throw error;
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        const html = await secondStep(req, pending, 'throttled');
        return sendPrivate(req, res, next, HttpStatus.TOO_MANY_REQUESTS, html);
      }
      if (!outcome) {
        const html = await secondStep(req, pending, 'wrongCode');
        return sendPrivate(req, res, next, HttpStatus.UNAUTHORIZED, html);
      }
      completeSignIn(req, res, next, pending.staff, outcome.recoveryCodes);
    } catch (error) {
      next(error);
    }
  });

  router.get('/login/recovery-codes', deps.session, (req, res, next) => {
    const session = sessionOf(req);
    const codes = session.newRecoveryCodes;
    if (!session.adminUser || !codes) return res.redirect(HttpStatus.FOUND, rootPath);
    delete session.newRecoveryCodes;
    const continueTo = session.redirectTo ?? rootPath;
    sendPrivate(
      req,
      res,
      next,
      HttpStatus.OK,
      recoveryCodesPage(staffLanguage(req), codes, continueTo),
    );
  });

  /** Signs the staff member in, in a new session (no session id from before the sign-in). */
  function completeSignIn(
    req: Request,
    res: Response,
    next: NextFunction,
    staff: StaffAdmin,
    newRecoveryCodes?: string[],
  ) {
    const redirectTo = sessionOf(req).redirectTo;
    req.session.regenerate((error) => {
      if (error) return next(error);
      const session = sessionOf(req);
      session.adminUser = staff;
      if (newRecoveryCodes) {
        Object.assign(session, { newRecoveryCodes, redirectTo });
        return saveAndRedirect(req, res, next, recoveryCodesPath);
      }
      saveAndRedirect(req, res, next, redirectTo ?? rootPath);
    });
  }

  return router;
}
