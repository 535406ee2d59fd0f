import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../../common/errors/problem.exception';

export enum PortalErrorCode {
  /** A state-changing form without a valid CSRF token, or sent from another site. */
  CSRF_CHECK_FAILED = 'CSRF_CHECK_FAILED',
  SIGN_IN_REQUIRED = 'SIGN_IN_REQUIRED',
}

export class PortalException extends ProblemException {
  constructor(status: HttpStatus, code: PortalErrorCode, detail: string) {
    super(status, code, detail);
  }
}

export function csrfCheckFailed(why: string): PortalException {
  return new PortalException(HttpStatus.FORBIDDEN, PortalErrorCode.CSRF_CHECK_FAILED, why);
}

/** A page that needs a signed-in customer: the filter sends the browser to sign in, then back. */
export function signInRequired(): PortalException {
  return new PortalException(
    HttpStatus.UNAUTHORIZED,
    PortalErrorCode.SIGN_IN_REQUIRED,
    'Sign in to see this page.',
  );
}
