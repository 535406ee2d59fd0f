import { HttpStatus } from '@nestjs/common';
import { ProblemException, ProblemOptions } from '../common/errors/problem.exception';

export enum AuthErrorCode {
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  PASSWORD_POLICY = 'PASSWORD_POLICY',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  ACCOUNT_NOT_ACTIVATED = 'ACCOUNT_NOT_ACTIVATED',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  ACCOUNT_NOT_PENDING = 'ACCOUNT_NOT_PENDING',
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  TOO_MANY_FAILED_LOGINS = 'TOO_MANY_FAILED_LOGINS',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_ALREADY_USED = 'TOKEN_ALREADY_USED',
  TOKEN_SUPERSEDED = 'TOKEN_SUPERSEDED',
  /** Another registration of the same order was activated while this one was pending. */
  REGISTRATION_CLOSED = 'REGISTRATION_CLOSED',
  CURRENT_PASSWORD_INCORRECT = 'CURRENT_PASSWORD_INCORRECT',
  /** The new password is the current one. */
  PASSWORD_UNCHANGED = 'PASSWORD_UNCHANGED',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  EMAIL_UNCHANGED = 'EMAIL_UNCHANGED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** An account cannot report itself to support. */
  CANNOT_REPORT_SELF = 'CANNOT_REPORT_SELF',
}

export class AuthException extends ProblemException {
  constructor(status: HttpStatus, code: AuthErrorCode, detail: string, options?: ProblemOptions) {
    super(status, code, detail, options);
  }

  static accountDisabled(): AuthException {
    return new AuthException(
      HttpStatus.FORBIDDEN,
      AuthErrorCode.ACCOUNT_DISABLED,
      'This account has been disabled. Please contact customer service.',
    );
  }
}
