import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { CommonErrorCode, FieldError, ProblemException } from './problem.exception';
import { DATABASE_RETRY_AFTER_SECONDS, transientDatabaseFailure } from './transient-database-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODES_BY_STATUS: Partial<Record<number, CommonErrorCode>> = {
  400: CommonErrorCode.VALIDATION_FAILED,
  401: CommonErrorCode.UNAUTHORIZED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  405: CommonErrorCode.METHOD_NOT_ALLOWED,
  409: CommonErrorCode.CONFLICT,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: CommonErrorCode.TOO_MANY_REQUESTS,
  503: CommonErrorCode.SERVICE_UNAVAILABLE,
};

export function problemType(code: string): string {
  return `urn:fapiao:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function buildProblem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<ProblemDocument> = {},
): ProblemDocument {
  return {
    type: problemType(code),
    title:
      TITLES[status] ?? STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    code,
    ...extra,
  };
}

/**
 * Turns every error into an RFC 9457 problem document. Unexpected errors are logged with their
 * stack and answered with a generic 500 that reveals nothing about the internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();

    const { problem, headers } = this.toProblem(exception, request);
    if (response.headersSent) {
      this.logger.error(`Error after the response was sent: ${describeError(exception)}`);
      return;
    }
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(
    exception: unknown,
    request: Request,
  ): { problem: ProblemDocument; headers?: Record<string, string> } {
    const instance = request.originalUrl?.split('?')[0];

    if (exception instanceof ProblemException) {
      return {
        problem: buildProblem(exception.status, exception.code, exception.detail, {
          instance,
          ...(exception.errors ? { errors: exception.errors } : {}),
          ...exception.extensions,
        }),
        headers: exception.headers,
      };
    }

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = httpExceptionDetail(body, exception.message, request);
      const code =
        CODES_BY_STATUS[status] ?? (status >= 500 ? CommonErrorCode.INTERNAL_ERROR : 'HTTP_ERROR');
      if (status >= 500) this.logger.error(describeError(exception));
      return { problem: buildProblem(status, code, detail, { instance }) };
    }

    const transient = transientDatabaseFailure(exception);
    if (transient) {
      // Not a fault of the request: the database went away for a moment (restart, failover).
      this.logger.warn(
        `Database unavailable on ${request.method} ${instance} (${transient}): ${(exception as Error).message}`,
      );
      return {
        problem: buildProblem(
          HttpStatus.SERVICE_UNAVAILABLE,
          CommonErrorCode.SERVICE_UNAVAILABLE,
          'The service could not reach its database for a moment. Please try again in a few seconds.',
          { instance, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
        ),
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      };
    }

    this.logger.error(
      `Unexpected error on ${request.method} ${instance}: ${describeError(exception)}`,
    );
    return {
      problem: buildProblem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        CommonErrorCode.INTERNAL_ERROR,
        'Something went wrong on our side. The error has been logged; please try again later.',
        { instance },
      ),
    };
  }
}

function httpExceptionDetail(body: string | object, fallback: string, request: Request): string {
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') {
    // Nest's router says "Cannot GET /x"; say it for people.
    if (/^Cannot [A-Z]+ /.test(message)) {
      return `There is no ${request.method} ${request.path} in this API.`;
    }
    return message;
  }
  return fallback;
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
