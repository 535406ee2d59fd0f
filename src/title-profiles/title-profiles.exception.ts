import { HttpStatus } from '@nestjs/common';
import { FieldError, ProblemException, ProblemOptions } from '../common/errors/problem.exception';

export enum TitleProfileErrorCode {
  /** Unknown id, or another customer's profile (never 403: no enumeration). */
  TITLE_PROFILE_NOT_FOUND = 'TITLE_PROFILE_NOT_FOUND',
  /** The title's fields break the title rules (422 with `errors`). */
  TITLE_PROFILE_INVALID = 'TITLE_PROFILE_INVALID',
  /** The customer already keeps the most profiles allowed. */
  TITLE_PROFILE_LIMIT = 'TITLE_PROFILE_LIMIT',
  /** Another request changed the default at the same moment; try again. */
  TITLE_PROFILE_CONFLICT = 'TITLE_PROFILE_CONFLICT',
}

export class TitleProfileException extends ProblemException {
  constructor(
    status: HttpStatus,
    code: TitleProfileErrorCode,
    detail: string,
    options: ProblemOptions = {},
  ) {
    super(status, code, detail, options);
  }

  static notFound(id: string): TitleProfileException {
    return new TitleProfileException(
      HttpStatus.NOT_FOUND,
      TitleProfileErrorCode.TITLE_PROFILE_NOT_FOUND,
      `There is no saved title ${id}.`,
    );
  }

  static invalid(errors: FieldError[]): TitleProfileException {
    const fields = [...new Set(errors.map((e) => e.field))].join(', ');
    return new TitleProfileException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      TitleProfileErrorCode.TITLE_PROFILE_INVALID,
      `The title cannot be saved as it is; check ${fields}.`,
      { errors },
    );
  }

  static limit(max: number): TitleProfileException {
    return new TitleProfileException(
      HttpStatus.CONFLICT,
      TitleProfileErrorCode.TITLE_PROFILE_LIMIT,
      `A customer keeps at most ${max} saved titles; delete one you no longer use first.`,
    );
  }

  static conflict(): TitleProfileException {
    return new TitleProfileException(
      HttpStatus.CONFLICT,
      TitleProfileErrorCode.TITLE_PROFILE_CONFLICT,
      'The default title was changed by another request at the same moment; try again.',
    );
  }
}
