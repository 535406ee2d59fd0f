import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemException } from '../../common/errors/problem.exception';
import { isLocale, Locale } from '../../common/locale';
import { resolveLocale } from '../i18n/portal-locale';
import { isMessageKey, translate } from '../i18n/portal-i18n';
import { PortalErrorCode } from './portal-errors';

interface ErrorPage {
  status: number;
  titleKey: string;
  body: string;
}

/**
 * The portal's answer to a failure a browser meets: a page in the site's style and the page's
 * language, never JSON or a stack. Signing in is a redirect that comes back afterwards.
 */
@Injectable()
export class PortalErrorPages {
  private readonly logger = new Logger('PortalErrors');

  send(error: unknown, req: Request, res: Response): void {
    if (res.headersSent) {
      this.logger.error(`Error after the response was sent: ${describe(error)}`);
      return;
    }
    if (
      error instanceof ProblemException &&
      error.code === (PortalErrorCode.SIGN_IN_REQUIRED as string)
    ) {
      const next = req.method === 'GET' ? req.originalUrl : '/billing-records';
      res.redirect(303, `/login?next=${encodeURIComponent(next)}`);
      return;
    }
    const locale = this.localeOf(req, res);
    const page = this.pageFor(error, locale);
    if (page.status >= 500) {
      this.logger.error(`Unexpected error on ${req.method} ${req.path}: ${describe(error)}`);
    }
    if (error instanceof ProblemException && error.headers?.['Retry-After']) {
      res.setHeader('Retry-After', error.headers['Retry-After']);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.status(page.status).render(
      'error',
      {
        locale,
        title: translate(locale, page.titleKey),
        heading: translate(locale, page.titleKey),
        body: page.body,
        status: page.status,
      },
      (renderError: Error | null, html?: string) => {
        if (renderError) {
          this.logger.error(`The error page could not be rendered: ${describe(renderError)}`);
          res.type('text/plain').send(page.body);
          return;
        }
        res.type('html').send(html);
      },
    );
  }

  private localeOf(req: Request, res: Response): Locale {
    const known: unknown = res.locals.locale;
    if (isLocale(known)) return known;
    return resolveLocale({
      cookieHeader: req.headers.cookie,
      acceptLanguage: req.headers['accept-language'],
    });
  }

  private pageFor(error: unknown, locale: Locale): ErrorPage {
    const status: number =
      error instanceof ProblemException
        ? error.status
        : error instanceof HttpException
          ? error.getStatus()
          : HttpStatus.INTERNAL_SERVER_ERROR;
    switch (status) {
      case 404:
        return {
          status,
          titleKey: 'error.notFound.title',
          body: translate(locale, 'error.notFound.body'),
        };
      case 403:
        if (
          error instanceof ProblemException &&
          error.code !== (PortalErrorCode.CSRF_CHECK_FAILED as string)
        ) {
          return { status, titleKey: 'error.conflict.title', body: problemMessage(locale, error) };
        }
        return {
          status,
          titleKey: 'error.forbidden.title',
          body: translate(locale, 'error.forbidden.body'),
        };
      case 429: {
        const seconds = retryAfterSeconds(error);
        return {
          status,
          titleKey: 'error.tooMany.title',
          body: translate(locale, 'error.tooMany.body', { seconds }),
        };
      }
      default:
        if (status >= 500) {
          return {
            status,
            titleKey: 'error.server.title',
            body: translate(locale, 'error.server.body'),
          };
        }
        if (error instanceof ProblemException) {
          return { status, titleKey: 'error.conflict.title', body: problemMessage(locale, error) };
        }
        return {
          status,
          titleKey: 'error.badRequest.title',
          body: translate(locale, 'error.badRequest.body'),
        };
    }
  }
}

/** A module's problem in the page's language: by its code, else its own (English) detail. */
export function problemMessage(locale: Locale, error: ProblemException): string {
  const key = `problem.${error.code}`;
  if (isMessageKey(key)) {
    const retry = Number(error.extensions?.retryAfterSeconds ?? 60);
    return translate(locale, key, { minutes: Math.max(1, Math.ceil(retry / 60)) });
  }
  return locale === 'en'
    ? error.detail
    : `${translate(locale, 'problem.other')}（${error.detail}）`;
}

function retryAfterSeconds(error: unknown): number {
  if (error instanceof ProblemException) {
    const header = Number(error.headers?.['Retry-After']);
    if (Number.isFinite(header) && header > 0) return header;
  }
  if (error instanceof HttpException) {
    const match = /(\d+) seconds/.exec(error.message);
    if (match) return Number(match[1]);
  }
  return 60;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
