import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedException } from './problem.exception';

/** Flattens class-validator's nested errors into `{field: 'a.b.0.c', message}` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: humanise(message, error.property, field),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator says "property x should not exist"; people read "x is not an accepted field". */
function humanise(message: string, property: string, field: string): string {
  if (message === `property ${property} should not exist`) {
    return `${field} is not an accepted field`;
  }
  return message.startsWith(`${property} `) ? `${field}${message.slice(property.length)}` : message;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // Keep the client's types: "12" is not a number unless a DTO says so explicitly.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
}
