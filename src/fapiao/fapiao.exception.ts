import { HttpStatus } from '@nestjs/common';
import { FieldError, ProblemException, ProblemOptions } from '../common/errors/problem.exception';

export enum FapiaoErrorCode {
  /** Unknown application id, or one of another customer (never 403: no enumeration). */
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  /** Title or shipping rules failed (422 with `errors`). */
  APPLICATION_INVALID = 'APPLICATION_INVALID',
  /** The bill's payment record has not reached us yet (about three days after the order). */
  PAYMENT_NOT_SYNCED = 'PAYMENT_NOT_SYNCED',
  /** Purchase certificate or refund: the title must be the payer of the payment record. */
  TITLE_MUST_MATCH_PAYER = 'TITLE_MUST_MATCH_PAYER',
  /** Another application already holds the bill (one title per bill). */
  BILL_ALREADY_APPLIED = 'BILL_ALREADY_APPLIED',
  /** The bill already has an open draft (one per bill and customer); `draftId` names it. */
  DRAFT_EXISTS = 'DRAFT_EXISTS',
  /** The status change is not an edge of the state diagram from the current status. */
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  /** The caller's `version` is not the current one: somebody changed the application meanwhile. */
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  /** A fapiao document number that is already recorded. */
  DOCUMENT_NUMBER_TAKEN = 'DOCUMENT_NUMBER_TAKEN',
  /** A calendar year outside the years the calendar answers for. */
  CALENDAR_YEAR_OUT_OF_RANGE = 'CALENDAR_YEAR_OUT_OF_RANGE',
  /** Entered days of a holiday arrangement that cannot be right (422 with `errors`). */
  CALENDAR_DAYS_INVALID = 'CALENDAR_DAYS_INVALID',
  /** An imported file that is not a holiday-cn year file (422 with `errors`). */
  CALENDAR_IMPORT_INVALID = 'CALENDAR_IMPORT_INVALID',
  /** Publishing a year that has no entered or imported days. */
  CALENDAR_NOTHING_TO_PUBLISH = 'CALENDAR_NOTHING_TO_PUBLISH',
}

export class FapiaoException extends ProblemException {
  constructor(
    status: HttpStatus,
    code: FapiaoErrorCode,
    detail: string,
    options: ProblemOptions = {},
  ) {
    super(status, code, detail, options);
  }

  static notFound(id: string): FapiaoException {
    return new FapiaoException(
      HttpStatus.NOT_FOUND,
      FapiaoErrorCode.APPLICATION_NOT_FOUND,
      `There is no fapiao application ${id}.`,
    );
  }

  static invalid(errors: FieldError[]): FapiaoException {
    const fields = [...new Set(errors.map((e) => e.field))].join(', ');
    return new FapiaoException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      FapiaoErrorCode.APPLICATION_INVALID,
      `The application cannot be accepted as it is; check ${fields}.`,
      { errors },
    );
  }

  static paymentNotSynced(orderNumber: string): FapiaoException {
    return new FapiaoException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      FapiaoErrorCode.PAYMENT_NOT_SYNCED,
      `The payment record of order ${orderNumber} has not synced yet. Payment records reach us ` +
        'about three days after the order; you can apply for the fapiao once it has synced.',
    );
  }

  static titleMustMatchPayer(): FapiaoException {
    return new FapiaoException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      FapiaoErrorCode.TITLE_MUST_MATCH_PAYER,
      'For a purchase certificate or a refund the fapiao title must be the payer of the bill: ' +
        "title.buyerName must equal the payment record's payer name.",
      {
        errors: [
          {
            field: 'title.buyerName',
            message: "title.buyerName must equal the payer name of the bill's payment record",
          },
        ],
      },
    );
  }

  static billAlreadyApplied(orderNumber: string): FapiaoException {
    return new FapiaoException(
      HttpStatus.CONFLICT,
      FapiaoErrorCode.BILL_ALREADY_APPLIED,
      `A fapiao application for order ${orderNumber} has already been submitted; a bill gets one ` +
        'title. To split the bill or change the title, open a support request.',
    );
  }

  static draftExists(orderNumber: string, draftId: string): FapiaoException {
    return new FapiaoException(
      HttpStatus.CONFLICT,
      FapiaoErrorCode.DRAFT_EXISTS,
      `Order ${orderNumber} already has a draft application (${draftId}). Edit and confirm ` +
        'that draft, or cancel it to start again.',
      { extensions: { draftId } },
    );
  }

  static illegalTransition(from: string, action: string): FapiaoException {
    return new FapiaoException(
      HttpStatus.CONFLICT,
      FapiaoErrorCode.ILLEGAL_TRANSITION,
      `The application is ${from.replace(/_/g, ' ')}: it cannot ${action} now.`,
      { extensions: { currentStatus: from } },
    );
  }

  static versionConflict(expected: number, current: number): FapiaoException {
    return new FapiaoException(
      HttpStatus.CONFLICT,
      FapiaoErrorCode.VERSION_CONFLICT,
      `The application has changed since you read it (version ${expected}, now ${current}). ` +
        'Reload it and try again.',
      { extensions: { currentVersion: current } },
    );
  }

  static documentNumberTaken(number: string): FapiaoException {
    return new FapiaoException(
      HttpStatus.CONFLICT,
      FapiaoErrorCode.DOCUMENT_NUMBER_TAKEN,
      `A fapiao with number ${number} is already recorded.`,
    );
  }

  static calendarYearOutOfRange(year: string, first: number, last: number): FapiaoException {
    return new FapiaoException(
      HttpStatus.NOT_FOUND,
      FapiaoErrorCode.CALENDAR_YEAR_OUT_OF_RANGE,
      `The calendar has no year "${year}": it answers for the years ${first} to ${last}.`,
    );
  }

  static calendarDaysInvalid(errors: FieldError[]): FapiaoException {
    return new FapiaoException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      FapiaoErrorCode.CALENDAR_DAYS_INVALID,
      `The holiday arrangement was not saved: ${errors.map((e) => e.message).join('; ')}.`,
      { errors },
    );
  }

  static calendarImportInvalid(errors: FieldError[]): FapiaoException {
    return new FapiaoException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      FapiaoErrorCode.CALENDAR_IMPORT_INVALID,
      'The file is not a holiday-cn year file ({"year", "papers", "days": [{"name", "date", ' +
        `"isOffDay"}]}); nothing was imported: ${errors.map((e) => e.message).join('; ')}.`,
      { errors },
    );
  }

  static calendarNothingToPublish(year: number): FapiaoException {
    return new FapiaoException(
      HttpStatus.CONFLICT,
      FapiaoErrorCode.CALENDAR_NOTHING_TO_PUBLISH,
      `There is no entered or imported arrangement for ${year} to publish: enter its days or ` +
        'import its holiday-cn file first.',
    );
  }
}
