import { HttpStatus } from '@nestjs/common';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.data';

/** ASVS L2 (V2.1): length is what counts; no composition rules; no truncation ever. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Set<string> | undefined;

function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    COMMON_PASSWORDS_TEXT.split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line.length > 0),
  );
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Why the password is not acceptable, or null. Length is counted in characters (code points),
 * so a password of 128 Chinese characters or emoji is as welcome as one of 128 letters.
 */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  }
  if (isCommon(password)) {
    return 'is one of the most commonly used passwords; choose a less guessable one (a passphrase of several words works well)';
  }
  return null;
}

/** Throws 422 `PASSWORD_POLICY` naming `field` when the password is not acceptable. */
export function assertPasswordAcceptable(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) {
    throw new AuthException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      AuthErrorCode.PASSWORD_POLICY,
      `The password ${problem}.`,
      { errors: [{ field, message: `${field} ${problem}` }] },
    );
  }
}
