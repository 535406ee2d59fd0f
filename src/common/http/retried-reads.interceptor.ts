import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, type Observable, throwError, timer } from 'rxjs';
import { mergeMap } from 'rxjs/operators';
import { transientDatabaseFailure } from '../errors/transient-database-error';

const PAUSE_BEFORE_RETRY_MS = 50;

/**
 * An API read (GET or HEAD under /api/, which change nothing by the REST contract) that fails on
 * a transient database error is handled once more: reads through repositories and query builders
 * are not run again by the DataSource itself. Writes never are; they answer 503.
 */
@Injectable()
export class RetriedReadsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (!isRead || !request.path.startsWith('/api/')) return next.handle();
    // next.handle() is deferred: subscribing again runs the handler again.
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          transientDatabaseFailure(error)
            ? timer(PAUSE_BEFORE_RETRY_MS).pipe(mergeMap(() => next.handle()))
            : throwError(() => error),
        ),
      );
  }
}
