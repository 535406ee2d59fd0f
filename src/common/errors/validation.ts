import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { singleLineErrors, unstorableTextErrors } from '../http/text-input';
import { FieldError, ValidationFailedException } from './problem.exception';

/**
 * Flattens class-validator's nested errors into `{field: 'a.b.0.c', message}` pairs, one per
 * failing field: a missing field is "required" (not also "must be a string" and "must be
 * shorter than …"), otherwise the type's constraint comes before the others.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = mainMessage(error, field);
    return [
      ...(own ? [{ field, message: own }] : []),
      ...flattenValidationErrors(error.children ?? [], field),
    ];
  });
}

/** Constraints that say what kind of value is expected, which a person should hear first. */
const TYPE_CONSTRAINTS = new Set([
  'whitelistValidation',
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isObject',
  'isArray',
  'isIn',
  'isEnum',
]);

function mainMessage(error: ValidationError, field: string): string | null {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return null;
  if (error.value === undefined && !error.constraints?.whitelistValidation) {
    return `${field} is required`;
  }
  const [, message] = constraints.find(([name]) => TYPE_CONSTRAINTS.has(name)) ?? constraints[0];
  return humanise(message, error.property, field);
}

/** class-validator says "property x should not exist"; people read "x is not an accepted field". */
function humanise(message: string, property: string, field: string): string {
  if (message === `property ${property} should not exist`) {
    return `${field} is not an accepted field`;
  }
  return message.startsWith(`${property} `) ? `${field}${message.slice(property.length)}` : message;
}

/**
 * class-validator's pipe, and the text rules of src/common/http/text-input.ts: path parameters are
 * checked here (the body and query already were, right after parsing), and after transformation
 * tab, CR and LF are refused outside `@MultiLine()` fields.
 */
class TextValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = metadata.data ?? '';
    if (metadata.type === 'param') {
      const errors = unstorableTextErrors(value, { root: field });
      if (errors.length > 0) throw new ValidationFailedException(errors);
    }
    const transformed: unknown = await super.transform(value, metadata);
    if (metadata.type === 'custom') return transformed;
    const errors = singleLineErrors(transformed, field);
    if (errors.length > 0) throw new ValidationFailedException(errors);
    return transformed;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new TextValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // Keep the client's types: "12" is not a number unless a DTO says so explicitly.
    transformOptions: { enableImplicitConversion: false },
    // The value only tells a missing field from a wrong one; it never reaches the answer.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
}
