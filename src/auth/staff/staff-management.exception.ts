import { HttpStatus } from '@nestjs/common';
import { FieldError, ProblemException } from '../../common/errors/problem.exception';

export enum StaffManagementErrorCode {
  STAFF_INVALID = 'STAFF_INVALID',
  STAFF_EMAIL_TAKEN = 'STAFF_EMAIL_TAKEN',
  STAFF_NOT_FOUND = 'STAFF_NOT_FOUND',
  STAFF_ALREADY_IN_STATE = 'STAFF_ALREADY_IN_STATE',
  STAFF_LAST_ADMIN = 'STAFF_LAST_ADMIN',
  STAFF_SELF_DISABLE = 'STAFF_SELF_DISABLE',
  STAFF_NOT_ENROLLED = 'STAFF_NOT_ENROLLED',
  STAFF_SELF_TWO_FACTOR_RESET = 'STAFF_SELF_TWO_FACTOR_RESET',
}

const STATUS: Record<StaffManagementErrorCode, HttpStatus> = {
  STAFF_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  STAFF_EMAIL_TAKEN: HttpStatus.CONFLICT,
  STAFF_NOT_FOUND: HttpStatus.NOT_FOUND,
  STAFF_ALREADY_IN_STATE: HttpStatus.CONFLICT,
  STAFF_LAST_ADMIN: HttpStatus.CONFLICT,
  STAFF_SELF_DISABLE: HttpStatus.CONFLICT,
  STAFF_NOT_ENROLLED: HttpStatus.CONFLICT,
  STAFF_SELF_TWO_FACTOR_RESET: HttpStatus.CONFLICT,
};

/** A staff-account change that cannot be made (shown to the admin in the back office). */
export class StaffManagementException extends ProblemException {
  constructor(code: StaffManagementErrorCode, detail: string, errors?: FieldError[]) {
    super(STATUS[code], code, detail, { errors });
  }
}
