import { HttpStatus } from '@nestjs/common';
import express, { NextFunction, Request, Response, Router } from 'express';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { CommonErrorCode, ProblemException } from '../../common/errors/problem.exception';
import { Bilingual, staffLanguage } from './staff-language';

/** Where the back office serves Roboto from (under /admin), instead of Google's font servers. */
export const FONT_PATH = '/fonts/roboto';
/** The weights AdminJS's pages ask Google for. */
const FONT_WEIGHTS = ['300', '400', '500', '700'] as const;
const GOOGLE_FONTS_LINK = /<link[^>]+href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>/g;

const CROSS_SITE_REFUSED: Bilingual = {
  'zh-CN': '拒绝了来自其他网站的请求：请在本系统的后台页面中操作。',
  en: 'A request from another site was refused: please use the back office pages themselves.',
};

/** The back office's own icon, so that the browser does not ask the site root for one. */
export const FAVICON_PATH = '/favicon.svg';
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="6" fill="#c0392b"/>' +
  '<path d="M9 9h14v3H9zm0 6h14v3H9zm0 6h9v3H9z" fill="#fff"/></svg>';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Scripts only from the app, and AdminJS's inline start-up script by a per-response nonce.
 * Styles need 'unsafe-inline': AdminJS renders with styled-components, which adds <style>
 * elements at run time with no way to give them a nonce short of patching AdminJS.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** AdminJS's page with its scripts under the nonce and Roboto from the app. */
export function securePage(html: string, nonce: string, rootPath: string): string {
  const fonts = FONT_WEIGHTS.map(
    (weight) => `<link rel="stylesheet" href="${rootPath}${FONT_PATH}/${weight}.css">`,
  ).join('');
  return html
    .replace(GOOGLE_FONTS_LINK, fonts)
    .replace(/<script(?=[\s>])/g, `<script nonce="${nonce}"`);
}

/**
 * Whether a state-changing request comes from the back office's own pages: its Origin is the
 * app's (the public URL, or the host it was sent to). A browser that withholds the origin
 * (absent, or "null") must say the request is same-origin; a request with neither is refused.
 */
export function isSameOrigin(req: Request, publicOrigin: string): boolean {
  const origin = req.get('origin');
  if (origin !== undefined && origin !== 'null') {
    return origin === publicOrigin || origin === `${req.protocol}://${req.get('host')}`;
  }
  return req.get('sec-fetch-site') === 'same-origin';
}

/**
 * What the back office adds in front of AdminJS for every request: the refusal of cross-site
 * writes, the Content-Security-Policy with its nonce on AdminJS's pages, and the self-hosted font.
 */
export function backOfficePageSecurity(publicBaseUrl: string, rootPath: string): Router {
  const publicOrigin = new URL(publicBaseUrl).origin;
  const router = Router();

  router.use(function refuseCrossSiteWrites(req: Request, _res: Response, next: NextFunction) {
    if (SAFE_METHODS.has(req.method) || isSameOrigin(req, publicOrigin)) return next();
    next(
      new ProblemException(
        HttpStatus.FORBIDDEN,
        CommonErrorCode.FORBIDDEN,
        CROSS_SITE_REFUSED[staffLanguage(req)],
      ),
    );
  });

  router.use(function contentSecurity(_req: Request, res: Response, next: NextFunction) {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
    // Under helmet's "no-referrer" browsers send "Origin: null" even on same-origin writes.
    res.setHeader('Referrer-Policy', 'same-origin');
    const send = res.send.bind(res);
    // AdminJS writes its pages (layout and login) as strings through res.send.
    res.send = (body?: unknown) =>
      send(
        typeof body === 'string' && /^\s*<!DOCTYPE html>/i.test(body)
          ? securePage(body, nonce, rootPath)
          : body,
      );
    next();
  });

  router.get(FAVICON_PATH, (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=604800').send(FAVICON);
  });
  router.use('/api', function forbiddenIs403(_req: Request, res: Response, next: NextFunction) {
    const json = res.json.bind(res);
    // AdminJS answers a refused action with 200 and a ForbiddenError in the body; say it with
    // the status too (the body, which its pages read, stays as it is).
    res.json = (body?: unknown) => {
      const error = (body as { record?: { baseError?: { type?: string } } } | undefined)?.record
        ?.baseError;
      if (error?.type === 'ForbiddenError') res.status(HttpStatus.FORBIDDEN);
      return json(body);
    };
    next();
  });

  const fontDir = dirname(require.resolve('@fontsource/roboto/package.json'));
  for (const weight of FONT_WEIGHTS) {
    router.get(`${FONT_PATH}/${weight}.css`, (_req, res) =>
      res.sendFile(join(fontDir, `${weight}.css`), { maxAge: '7d' }),
    );
  }
  router.use(`${FONT_PATH}/files`, express.static(join(fontDir, 'files'), { maxAge: '7d' }));
  return router;
}
