import { HttpStatus } from '@nestjs/common';
import {
  FieldError,
  ProblemException,
  ProblemOptions,
} from '../../common/errors/problem.exception';

export enum DocumentFilesErrorCode {
  /** A file that is not what its slot says (type by content), too large, or unreadable. */
  FAPIAO_FILE_INVALID = 'FAPIAO_FILE_INVALID',
  /** The attached XML names another number, date, buyer or total than the document. */
  FAPIAO_XML_MISMATCH = 'FAPIAO_XML_MISMATCH',
  /** No such file of one of the customer's documents (never 403: no enumeration). */
  FAPIAO_FILE_NOT_FOUND = 'FAPIAO_FILE_NOT_FOUND',
}

export class DocumentFilesException extends ProblemException {
  constructor(
    status: HttpStatus,
    code: DocumentFilesErrorCode,
    detail: string,
    options: ProblemOptions = {},
  ) {
    super(status, code, detail, options);
  }

  static invalid(errors: FieldError[]): DocumentFilesException {
    return new DocumentFilesException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      DocumentFilesErrorCode.FAPIAO_FILE_INVALID,
      `The attached files cannot be accepted: ${errors.map((e) => e.message).join('; ')}.`,
      { errors },
    );
  }

  static xmlMismatch(errors: FieldError[]): DocumentFilesException {
    return new DocumentFilesException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      DocumentFilesErrorCode.FAPIAO_XML_MISMATCH,
      `The fapiao XML does not match what is being issued: ${errors
        .map((e) => e.message)
        .join('; ')}. Correct the entry or attach the right file.`,
      { errors },
    );
  }

  static notFound(): DocumentFilesException {
    return new DocumentFilesException(
      HttpStatus.NOT_FOUND,
      DocumentFilesErrorCode.FAPIAO_FILE_NOT_FOUND,
      'There is no such fapiao file.',
    );
  }
}
