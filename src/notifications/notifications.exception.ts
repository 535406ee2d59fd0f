import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../common/errors/problem.exception';

export enum NotificationsErrorCode {
  MAIL_NOT_FOUND = 'MAIL_NOT_FOUND',
  MAIL_NOT_FAILED = 'MAIL_NOT_FAILED',
}

/** What a client (the back office) can get wrong when handling outbox mails. */
export class NotificationsException extends ProblemException {
  constructor(code: NotificationsErrorCode, detail: string) {
    super(
      code === NotificationsErrorCode.MAIL_NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT,
      code,
      detail,
    );
  }
}

/**
 * A mail `enqueue` refuses (bad recipient, empty dedupe key, unsupported locale). A programming
 * error at the caller, so it is not a ProblemException: the request fails with a 500 and its
 * transaction rolls back, so nothing half-done is committed.
 */
export class InvalidMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A mail that cannot be rendered: unknown template, missing context field, missing file. */
export class MailTemplateError extends InvalidMailError {}
