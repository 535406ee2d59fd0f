import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { OutOfUseNotice, OutOfUseService } from '../../fapiao/out-of-use/out-of-use.service';
import { DEFAULT_LOCALE } from '../../common/locale';
import { resolveLocale } from '../i18n/portal-locale';
import type { PortalFlash, PortalRequest } from '../sign-in/portal-customer';
import { PortalPassport } from '../sign-in/portal-passport';
import { PortalErrorPages } from './portal-error-pages';
import { CSRF_FIELD, PortalCsrf } from './portal-csrf';
import { ASSETS_PATH, isPortalPath } from './portal-paths';
import { PortalSessionStore } from './portal-session.store';
import { toError } from './to-error';

export const PORTAL_SESSION_COOKIE = 'fapiao.portal.sid';
const NONE: Promise<OutOfUseNotice[]> = Promise.resolve([]);

export const PORTAL_ASSETS_DIR = join(process.cwd(), 'templates', 'portal', 'assets');

/**
 * Everything a portal request passes before its controller, in order: security headers, the
 * static assets, the session (PostgreSQL), passport, the page's language and view locals, the
 * current out-of-use notices for pages. The CSRF check is the portal controllers' guard
 * (PortalCsrfGuard). The API, the back office and health checks pass untouched.
 */
@Injectable()
export class PortalHttpPipeline implements OnApplicationShutdown {
  readonly store: PortalSessionStore;
  readonly handler: RequestHandler;

  constructor(
    dataSource: DataSource,
    config: AppConfig,
    private readonly csrf: PortalCsrf,
    private readonly outOfUse: OutOfUseService,
    private readonly errorPages: PortalErrorPages,
    passport: PortalPassport,
  ) {
    this.store = new PortalSessionStore(dataSource);
    const securityHeaders = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      // Tokens in our URLs never reach another site; same-origin form posts keep their Origin.
      referrerPolicy: { policy: 'same-origin' },
    });
    const steps: RequestHandler[] = [
      securityHeaders,
      session({
        name: PORTAL_SESSION_COOKIE,
        secret: config.sessionSecret,
        store: this.store,
        resave: false,
        // No row for a visitor until a page needs one (a form's token, a flash, sign-in).
        saveUninitialized: false,
        // A browser-session cookie; the row's expiry is the idle timeout (PortalSessionStore).
        cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/' },
      }),
      passport.instance.initialize(),
      passport.instance.session(),
    ];
    const assets = express.static(PORTAL_ASSETS_DIR, { index: false, maxAge: '1h' });

    this.handler = (req: Request, res: Response, next: NextFunction) => {
      if (!isPortalPath(req.path)) return next();
      const request = req as PortalRequest;
      if (req.path.startsWith(`${ASSETS_PATH}/`)) {
        // Stylesheet and script: no session lookup for them.
        return securityHeaders(req, res, () => {
          req.url = req.url.slice(ASSETS_PATH.length);
          assets(req, res, () => {
            req.url = `${ASSETS_PATH}${req.url}`;
            next();
          });
        });
      }
      // The notices do not depend on the session: both reads are under way at once.
      const notices = req.method === 'GET' ? this.outOfUse.currentNotices(DEFAULT_LOCALE) : NONE;
      Promise.all([runAll(steps, req, res), notices])
        .then(([, current]) => this.prepare(request, res, current))
        .then(() => next())
        // Outside Nest's router, so no exception filter sees these: answer with the page here.
        .catch((error: unknown) => this.errorPages.send(error, req, res));
    };
  }

  onApplicationShutdown(): void {
    this.store.close();
  }

  private prepare(req: PortalRequest, res: Response, notices: OutOfUseNotice[]): void {
    req.locale = resolveLocale({
      accountLocale: req.user?.locale,
      cookieHeader: req.headers.cookie,
      acceptLanguage: req.headers['accept-language'],
    });
    res.set('Cache-Control', 'no-store');
    Object.assign(res.locals, {
      locale: req.locale,
      customer: req.user ? { email: req.user.email } : undefined,
      // Taken from the session only by a page that shows it: a request rendering nothing (an
      // icon, a script's fetch) would otherwise use it up and write back a stale session.
      flash: () => takeFlash(req),
      currentPath: req.originalUrl,
      csrfField: CSRF_FIELD,
      // A function, so the view calls it only if the page has a form.
      csrfToken: () => this.csrf.tokenFor(req),
    });
    res.locals.notices = notices.map((notice) => ({
      ...notice,
      message: notice.messages[req.locale],
    }));
  }
}

function takeFlash(req: PortalRequest): PortalFlash | undefined {
  const flash = req.session.flash;
  if (flash) delete req.session.flash;
  return flash;
}

function runAll(steps: RequestHandler[], req: Request, res: Response): Promise<void> {
  return steps.reduce<Promise<void>>(
    (previous, step) =>
      previous.then(
        () =>
          new Promise<void>((resolve, reject) => {
            void step(req, res, (error?: unknown) => (error ? reject(toError(error)) : resolve()));
          }),
      ),
    Promise.resolve(),
  );
}
