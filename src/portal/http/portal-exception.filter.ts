import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemDetailsFilter } from '../../common/errors/problem-details.filter';
import { PortalErrorPages } from './portal-error-pages';
import { isPortalPath } from './portal-paths';

/** On portal controllers (PortalController): every error of a page is a page. */
@Catch()
export class PortalExceptionFilter implements ExceptionFilter {
  constructor(private readonly pages: PortalErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    this.pages.send(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/**
 * Global: a browser asking for a path nobody serves (outside /api, /admin, /health) gets the
 * 404 page; every other error keeps the API's problem details.
 */
@Catch()
export class PortalNotFoundFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  constructor(private readonly pages: PortalErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    if (isUnknownRoute(exception) && isPortalPath(req.path) && wantsPage(req)) {
      return this.pages.send(exception, req, http.getResponse<Response>());
    }
    this.problems.catch(exception, host);
  }
}

/** Nest's router answers a path without a route with "Cannot GET /x". */
function isUnknownRoute(exception: unknown): boolean {
  return exception instanceof NotFoundException && /^Cannot [A-Z]+ /.test(exception.message);
}

function wantsPage(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}
