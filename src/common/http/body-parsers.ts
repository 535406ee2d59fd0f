import { HttpStatus } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import {
  CommonErrorCode,
  ProblemException,
  ValidationFailedException,
} from '../errors/problem.exception';
import { unstorableTextErrors } from './text-input';

/** Large enough for any legitimate body; oversized strings inside are rejected by validation. */
export const BODY_LIMIT = '2mb';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKeyError extends SyntaxError {}

/**
 * Rejects prototype-pollution keys right after parsing, before any code sees the object.
 * JSON.parse itself makes `__proto__` an own property (it never sets the prototype); the danger
 * is later code copying it. A walk after parsing, not a reviver: a reviver is called for every
 * value and made parsing several times slower.
 */
function rejectPrototypeKeys(body: unknown): void {
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key))
        throw new ForbiddenKeyError(`The request body contains the forbidden key "${key}".`);
      pending.push((value as Record<string, unknown>)[key]);
    }
  }
}

/** Keeps the exact bytes for signature checks (payment platform webhooks). */
function keepRawBody(
  req: IncomingMessage & { rawBody?: Buffer },
  _res: unknown,
  buffer: Buffer,
): void {
  req.rawBody = buffer;
}

interface BodyParserError extends Error {
  type?: string;
}

function toProblem(error: BodyParserError): ProblemException {
  switch (error.type) {
    case 'entity.too.large':
      return new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        CommonErrorCode.PAYLOAD_TOO_LARGE,
        `The request body is larger than ${BODY_LIMIT}.`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'The request body must be UTF-8 encoded.',
      );
    default:
      return new ProblemException(
        HttpStatus.BAD_REQUEST,
        CommonErrorCode.MALFORMED_BODY,
        error instanceof ForbiddenKeyError
          ? error.message
          : `The request body is not valid JSON: ${error.message}`,
      );
  }
}

/** Control characters, lone surrogates and deep nesting are refused before any code reads them. */
function rejectUnstorableText(value: unknown, root: string): void {
  const errors = unstorableTextErrors(value, { root });
  if (errors.length > 0) throw new ValidationFailedException(errors);
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * The API reads JSON only: any other body (text/plain, a form) would otherwise be read as an
 * empty one and the request would go on without it.
 */
function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasContent =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
  if (req.path.startsWith('/api/') && hasContent && !req.is(JSON_TYPES)) {
    return next(
      new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'The request body must be JSON (Content-Type: application/json).',
      ),
    );
  }
  next();
}

/** The parser, then `check` on what it parsed; what `check` throws goes to `next`. */
function checkedAfter(parser: RequestHandler, check: (req: Request) => void): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (error?: unknown) => {
      if (error) return next(error);
      try {
        check(req);
      } catch (failed) {
        return next(failed);
      }
      next();
    });
}

function withProblems(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (error?: unknown) =>
      next(error ? toProblem(error as BodyParserError) : undefined),
    );
}

/**
 * Nest's built-in parsers are turned off (`bodyParser: false`) because Nest reports every JSON
 * syntax error as a generic 400; these answer with precise problem details. The function names
 * matter: the back office mounts itself before the layers named `jsonParser`/`urlencodedParser`
 * (src/admin/back-office-mount.ts).
 */
export function installBodyParsers(app: NestExpressApplication): void {
  const parseJson = withProblems(
    checkedAfter(json({ limit: BODY_LIMIT, verify: keepRawBody }), (req) =>
      rejectPrototypeKeys(req.body),
    ),
  );
  app.use(requireJsonBodies);
  const parseForm = withProblems(urlencoded({ limit: BODY_LIMIT, extended: false }));
  app.use(function jsonParser(req: Request, res: Response, next: NextFunction) {
    parseJson(req, res, next);
  });
  app.use(function urlencodedParser(req: Request, res: Response, next: NextFunction) {
    parseForm(req, res, next);
  });
  app.use(function textInputCheck(req: Request, _res: Response, next: NextFunction) {
    try {
      rejectUnstorableText(req.body, '');
      rejectUnstorableText(req.query, '');
    } catch (failed) {
      return next(failed);
    }
    next();
  });
}
