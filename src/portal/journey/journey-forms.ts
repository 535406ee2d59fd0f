import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import {
  FieldError,
  ProblemException,
  ValidationFailedException,
} from '../../common/errors/problem.exception';
import type { Locale } from '../../common/locale';
import { formStateFrom, FormState, typedValues } from '../http/portal-forms';
import { isMessageKey, translate } from '../i18n/portal-i18n';

/**
 * Where a service's field path (`title.taxId`, `shipping.phone`, `lines.1.amountFen`) shows on a
 * journey form: the form control's name, with line fields as `lineAmount-1`. Null: not a field
 * of this form (the message goes above it).
 */
export type FieldPlacement = (path: string) => string | null;

/** `title.buyerName` → `buyerName`, `shipping.postalCode` → `postalCode`. */
export function under(prefix: string): FieldPlacement {
  return (path) => (path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : null);
}

/**
 * A field's error in the page's language: "required" (for a special fapiao, said so), else the
 * field's own format message; in English a taxpayer ID's message keeps the service's reason.
 */
function fieldMessage(locale: Locale, name: string, serviceMessage: string): string {
  if (/ is required/.test(serviceMessage)) {
    return translate(
      locale,
      / special /.test(serviceMessage)
        ? 'journey.invalid.requiredForSpecial'
        : 'journey.invalid.required',
    );
  }
  const field = name.replace(/-\d+$/, '');
  if (field.endsWith('axId') && /save it as an individual title/.test(serviceMessage)) {
    return translate(locale, 'journey.invalid.taxIdCompany');
  }
  if (field.endsWith('axId') && / natural person/.test(serviceMessage)) {
    return translate(locale, 'journey.invalid.taxIdPersonal');
  }
  const key = `journey.invalid.${field}`;
  const text = translate(locale, isMessageKey(key) ? key : 'invalid.other');
  if (locale === 'en' && field.endsWith('axId')) {
    const reason = serviceMessage.replace(/^\S+ /, '');
    return `${text} (${reason})`;
  }
  return text;
}

/** The form state for field errors the services or the API's request classes reported. */
export function stateForFieldErrors(
  errors: FieldError[],
  body: unknown,
  locale: Locale,
  place: FieldPlacement,
): FormState {
  const byField: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const error of errors) {
    const name = place(error.field);
    if (name === null) elsewhere.push(error.message);
    else byField[name] ??= fieldMessage(locale, name, error.message);
  }
  const summary = translate(locale, 'form.errorSummary');
  return {
    values: typedValues(body),
    errors: byField,
    formError:
      elsewhere.length > 0
        ? `${summary} ${translate(locale, 'journey.invalid.elsewhere')}`
        : summary,
  };
}

/** A refusal of a service as form state: field errors beside their fields, the rest above. */
export function journeyFormState(
  error: unknown,
  body: unknown,
  locale: Locale,
  place: FieldPlacement,
): FormState {
  if (error instanceof ProblemException && error.errors && error.errors.length > 0) {
    return stateForFieldErrors(error.errors, body, locale, place);
  }
  return formStateFrom(error, body, locale);
}

function flatten(failures: ValidationError[], parent = ''): FieldError[] {
  return failures.flatMap((failure) => {
    const path = parent ? `${parent}.${failure.property}` : failure.property;
    const own = Object.values(failure.constraints ?? {}).map((message) => ({
      field: path,
      message,
    }));
    return [...own, ...flatten(failure.children ?? [], path)];
  });
}

/**
 * The API's request class checks the input built from a form (the same class-validator rules
 * the API's pipe applies); its failures are thrown as the API's VALIDATION_FAILED.
 */
export async function validated<T extends object>(type: new () => T, plain: object): Promise<T> {
  const input = plainToInstance(type, plain);
  const failures = await validate(input, { whitelist: true, forbidUnknownValues: false });
  if (failures.length > 0) throw new ValidationFailedException(flatten(failures));
  return input;
}

/** A form's text field: trimmed-free as typed, '' when absent or not text. */
export function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** A repeated form field (urlencoded names → a string or an array of them). */
export function texts(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : '')) : [];
}

/** Blank optional fields are left out, as an API client would leave them out. */
export function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

/** A refusal's status for the page that shows it: the problem's own 4xx, else 422 (never a 5xx). */
export function refusalStatus(error: unknown): number {
  const status: number = error instanceof ProblemException ? error.status : 422;
  return status >= 400 && status < 500 ? status : 422;
}
