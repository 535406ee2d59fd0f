import { ValidateBy, ValidationOptions } from 'class-validator';

/** ISO-8601 with an explicit offset: a local time without a zone is ambiguous. */
const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = INSTANT_PATTERN.exec(value);
  if (!match) return false;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return false;
  // Date accepts 2026-02-30 and rolls over; the calendar day as written must exist.
  const [, year, month, day] = match.map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}

/** An ISO-8601 instant with a time zone, e.g. `2026-03-01T10:15:00+08:00`. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 instant with a time zone, e.g. 2026-03-01T10:15:00+08:00`,
      },
    },
    options,
  );
}
