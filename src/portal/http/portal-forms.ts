import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ProblemException } from '../../common/errors/problem.exception';
import type { Locale } from '../../common/locale';
import { isMessageKey, translate } from '../i18n/portal-i18n';
import { problemMessage } from './portal-error-pages';

/** What a form page needs to show itself again: what was typed and each field's error. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The failure that is not about one field (e.g. wrong email or password). */
  formError?: string;
}

/** Fields never sent back to the browser after a failed submit. */
const SECRET_FIELDS = /password|_csrf|^token$/i;

/** The typed values to refill the form with (strings only; passwords and the token left out). */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string' && !SECRET_FIELDS.test(name)) values[name] = value;
  }
  return values;
}

/**
 * Checks a form against the API's request class (the same class-validator rules the API
 * applies), with each failing field's message in the page's language.
 */
export async function checkForm<T extends object>(
  type: new () => T,
  body: unknown,
  locale: Locale,
): Promise<{ input: T; state?: FormState }> {
  const plain = typeof body === 'object' && body !== null ? body : {};
  const input = plainToInstance(type, plain);
  const failures = await validate(input, { whitelist: true, forbidUnknownValues: false });
  if (failures.length === 0) return { input };
  const errors: Record<string, string> = {};
  for (const failure of failures) errors[failure.property] = fieldMessage(locale, failure.property);
  return {
    input,
    state: {
      values: typedValues(body),
      errors,
      formError: translate(locale, 'form.errorSummary'),
    },
  };
}

/**
 * A service's refusal as form state: a problem naming fields shows beside them, any other
 * beside the form. Not a ProblemException: rethrown (a 500 page).
 */
export function formStateFrom(error: unknown, body: unknown, locale: Locale): FormState {
  if (!(error instanceof ProblemException)) throw error;
  const message = problemMessage(locale, error);
  const errors: Record<string, string> = {};
  for (const field of error.errors ?? []) errors[field.field.split('.')[0]] = message;
  return {
    values: typedValues(body),
    errors,
    formError: Object.keys(errors).length > 0 ? translate(locale, 'form.errorSummary') : message,
  };
}

function fieldMessage(locale: Locale, field: string): string {
  const key = `invalid.${field}`;
  return translate(locale, isMessageKey(key) ? key : 'invalid.other');
}
