import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the failing field, e.g. `title.taxId` or `lines.1.amountFen`. */
  field: string;
  message: string;
}

export interface ProblemOptions {
  errors?: FieldError[];
  /** Extra members of the problem document (RFC 9457 §3.2), e.g. `retryAfterSeconds`. */
  extensions?: Record<string, unknown>;
  /** Response headers that belong to this problem, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/**
 * A failure the client can act on. Each module throws its own subclass with its own codes
 * (see e.g. `AuthException`); the global filter turns every one into an
 * `application/problem+json` answer with a stable machine-readable `code`.
 */
export class ProblemException extends Error {
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    readonly detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail);
    this.name = new.target.name;
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }
}

/** Codes used by the shared HTTP layer itself; modules define their own next to their exception. */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_BODY = 'MALFORMED_BODY',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  HEADERS_TOO_LARGE = 'HEADERS_TOO_LARGE',
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  MALFORMED_REQUEST = 'MALFORMED_REQUEST',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  UNAUTHORIZED = 'UNAUTHORIZED',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export class ValidationFailedException extends ProblemException {
  constructor(errors: FieldError[], detail = describeFieldErrors(errors)) {
    super(HttpStatus.BAD_REQUEST, CommonErrorCode.VALIDATION_FAILED, detail, { errors });
  }
}

export class ResourceNotFoundException extends ProblemException {
  constructor(detail: string, code: string = CommonErrorCode.NOT_FOUND) {
    super(HttpStatus.NOT_FOUND, code, detail);
  }
}

function describeFieldErrors(errors: FieldError[]): string {
  if (errors.length === 0) return 'The request is invalid.';
  const fields = [...new Set(errors.map((e) => e.field))];
  return `The request has invalid fields: ${fields.join(', ')}.`;
}
