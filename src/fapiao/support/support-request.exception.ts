import { HttpStatus } from '@nestjs/common';
import { FieldError, ProblemException } from '../../common/errors/problem.exception';
import { formatBeijingTime } from '../../common/time/business-date';

export enum SupportErrorCode {
  /** Unknown request id, or one of another customer (never 403). */
  SUPPORT_REQUEST_NOT_FOUND = 'SUPPORT_REQUEST_NOT_FOUND',
  /** Field rules failed (422 with `errors`). */
  SUPPORT_REQUEST_INVALID = 'SUPPORT_REQUEST_INVALID',
  /** Split lines do not add up to the bill (422, names the total). */
  SPLIT_TOTAL_MISMATCH = 'SPLIT_TOTAL_MISMATCH',
  /** The application is not in a state the request can apply to (e.g. retitle before issue). */
  APPLICATION_NOT_ELIGIBLE = 'APPLICATION_NOT_ELIGIBLE',
  /** The request's status does not allow the step. */
  ILLEGAL_REQUEST_TRANSITION = 'ILLEGAL_REQUEST_TRANSITION',
  /** The request's new fapiao were already issued (a repeated or concurrent submit). */
  DOCUMENTS_ALREADY_ISSUED = 'DOCUMENTS_ALREADY_ISSUED',
  /** The documents of a bill would no longer add up to it (invariant). */
  BILL_TOTAL_VIOLATED = 'BILL_TOTAL_VIOLATED',
}

export class SupportRequestException extends ProblemException {
  static notFound(id: string): SupportRequestException {
    return new SupportRequestException(
      HttpStatus.NOT_FOUND,
      SupportErrorCode.SUPPORT_REQUEST_NOT_FOUND,
      `There is no support request ${id}.`,
    );
  }

  static invalid(errors: FieldError[]): SupportRequestException {
    const fields = [...new Set(errors.map((e) => e.field))].join(', ');
    return new SupportRequestException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      SupportErrorCode.SUPPORT_REQUEST_INVALID,
      `The support request cannot be accepted as it is; check ${fields}.`,
      { errors },
    );
  }

  static splitTotalMismatch(linesTotal: number, billTotal: number): SupportRequestException {
    return new SupportRequestException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      SupportErrorCode.SPLIT_TOTAL_MISMATCH,
      `The lines add up to ${linesTotal} fen but the bill's total is ${billTotal} fen ` +
        `(¥${(billTotal / 100).toFixed(2)}); the amounts must add up exactly to the total.`,
      {
        errors: [
          {
            field: 'lines',
            message: `the lines must add up to the bill's total of ${billTotal} fen (they add up to ${linesTotal})`,
          },
        ],
        extensions: { billAmountFen: billTotal, linesAmountFen: linesTotal },
      },
    );
  }

  static applicationNotEligible(detail: string, status: string): SupportRequestException {
    return new SupportRequestException(
      HttpStatus.CONFLICT,
      SupportErrorCode.APPLICATION_NOT_ELIGIBLE,
      detail,
      { extensions: { applicationStatus: status } },
    );
  }

  static illegalTransition(from: string, action: string): SupportRequestException {
    return new SupportRequestException(
      HttpStatus.CONFLICT,
      SupportErrorCode.ILLEGAL_REQUEST_TRANSITION,
      `The support request is ${from.replace(/_/g, ' ')}: it cannot ${action} now.`,
      { extensions: { currentStatus: from } },
    );
  }

  /** 409 naming who issued the documents and when (Beijing time), so the loser knows what happened. */
  static documentsAlreadyIssued(issuedBy: string, issuedAt: Date): SupportRequestException {
    const at = formatBeijingTime(issuedAt);
    return new SupportRequestException(
      HttpStatus.CONFLICT,
      SupportErrorCode.DOCUMENTS_ALREADY_ISSUED,
      `The new fapiao of this support request were already issued by ${issuedBy} at ${at} ` +
        '(Beijing time); nothing was issued again. Reload the request to see them.',
      { extensions: { issuedBy, issuedAt: at } },
    );
  }

  static billTotalViolated(orderNumber: string, documentsFen: number, billFen: number) {
    return new SupportRequestException(
      HttpStatus.CONFLICT,
      SupportErrorCode.BILL_TOTAL_VIOLATED,
      `The fapiao of order ${orderNumber} would add up to ${documentsFen} fen but the bill is ` +
        `${billFen} fen; nothing was recorded.`,
      { extensions: { billAmountFen: billFen, documentsAmountFen: documentsFen } },
    );
  }
}
