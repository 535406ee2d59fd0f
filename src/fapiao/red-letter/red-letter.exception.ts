import { HttpStatus } from '@nestjs/common';
import {
  FieldError,
  ProblemException,
  ProblemOptions,
} from '../../common/errors/problem.exception';
import { formatBeijingTime } from '../../common/time/business-date';
import type { RedLetterStatus } from './red-letter-status';

export enum RedLetterErrorCode {
  /** No such form (or none that stands on the request). */
  RED_LETTER_FORM_NOT_FOUND = 'RED_LETTER_FORM_NOT_FOUND',
  /** Field rules failed (422 with `errors`), e.g. an amount above the original's. */
  RED_LETTER_FORM_INVALID = 'RED_LETTER_FORM_INVALID',
  /** The form's state does not allow the step (confirmed twice, lapsed, void, red recorded). */
  ILLEGAL_RED_LETTER_TRANSITION = 'ILLEGAL_RED_LETTER_TRANSITION',
  /** Another form of the same fapiao still stands (one open form per original). */
  RED_LETTER_FORM_OPEN = 'RED_LETTER_FORM_OPEN',
  /** The fapiao is not a digital one (paper is returned and reversed as before). */
  NOT_A_DIGITAL_FAPIAO = 'NOT_A_DIGITAL_FAPIAO',
}

const WORDS: Record<RedLetterStatus, string> = {
  waiting_for_buyer: 'waiting for the buyer',
  confirmed: 'confirmed',
  lapsed: 'lapsed',
  void: 'void',
};

export class RedLetterException extends ProblemException {
  constructor(
    status: HttpStatus,
    code: RedLetterErrorCode,
    detail: string,
    options: ProblemOptions = {},
  ) {
    super(status, code, detail, options);
  }

  static notFound(what: string): RedLetterException {
    return new RedLetterException(
      HttpStatus.NOT_FOUND,
      RedLetterErrorCode.RED_LETTER_FORM_NOT_FOUND,
      `There is no ${what}.`,
    );
  }

  static invalid(errors: FieldError[]): RedLetterException {
    const fields = [...new Set(errors.map((e) => e.field))].join(', ');
    return new RedLetterException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      RedLetterErrorCode.RED_LETTER_FORM_INVALID,
      `The red-letter form cannot be accepted as it is; check ${fields}.`,
      { errors },
    );
  }

  /** 409: the form is `status` (since `changedAt`, when known), so it cannot `action`. */
  static illegalTransition(
    status: RedLetterStatus,
    action: string,
    changedAt?: Date | null,
    hint = '',
  ): RedLetterException {
    const since = changedAt ? ` since ${formatBeijingTime(changedAt)} (Beijing time)` : '';
    return new RedLetterException(
      HttpStatus.CONFLICT,
      RedLetterErrorCode.ILLEGAL_RED_LETTER_TRANSITION,
      `The red-letter form is ${WORDS[status]}${since}: it cannot ${action}; nothing was changed.${hint ? ` ${hint}` : ''}`,
      { extensions: { currentStatus: status } },
    );
  }

  static formOpen(originalNumber: string): RedLetterException {
    return new RedLetterException(
      HttpStatus.CONFLICT,
      RedLetterErrorCode.RED_LETTER_FORM_OPEN,
      `Fapiao no. ${originalNumber} already has a red-letter form that stands (waiting for the ` +
        'buyer or confirmed); void it before raising another.',
      { extensions: { originalNumber } },
    );
  }

  static notDigital(detail: string): RedLetterException {
    return new RedLetterException(
      HttpStatus.CONFLICT,
      RedLetterErrorCode.NOT_A_DIGITAL_FAPIAO,
      detail,
    );
  }
}
