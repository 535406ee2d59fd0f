import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';
import { AppConfig } from '../../config/app-config';
import { csrfCheckFailed } from './portal-errors';

/** The hidden form field that carries the token (`{{> form/csrf}}` writes it). */
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

/**
 * Synchronizer tokens (csrf-sync): one per session, made when a page first shows a form, and
 * sent back by every state-changing form.
 */
@Injectable()
export class PortalCsrf {
  private readonly csrf = csrfSync({
    getTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const field = body?.[CSRF_FIELD];
      return typeof field === 'string' ? field : req.get('x-csrf-token');
    },
  });

  constructor(private readonly config: AppConfig) {}

  tokenFor(req: Request): string {
    return this.csrf.generateToken(req);
  }

  /** Throws the 403 unless the request comes from this site and carries the session's token. */
  check(req: Request): void {
    this.checkSameOrigin(req);
    if (!this.csrf.isRequestValid(req)) {
      throw csrfCheckFailed('The form has no valid CSRF token; reload the page and try again.');
    }
  }

  /** The Origin is this site's: its public URL, or the Host the browser used to reach it. */
  private checkSameOrigin(req: Request): void {
    const origin = req.get('origin');
    if (origin !== undefined) {
      const own = [
        new URL(this.config.publicBaseUrl).origin,
        `${req.protocol}://${req.get('host')}`,
      ];
      if (!own.includes(origin)) throw csrfCheckFailed(`Requests from ${origin} are refused.`);
      return;
    }
    // No Origin (older browsers on same-origin requests): Fetch Metadata, when sent, must agree.
    const site = req.get('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw csrfCheckFailed('Cross-site requests are refused.');
    }
  }
}

/** On every portal controller (PortalController): each POST passes the Origin and token checks. */
@Injectable()
export class PortalCsrfGuard implements CanActivate {
  constructor(private readonly csrf: PortalCsrf) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!isSafeMethod(req.method)) this.csrf.check(req);
    return true;
  }
}
