/**
 * The source of "now" for every business rule (token expiry, due dates, out-of-use periods).
 * Tests replace it with a controllable clock; SQL that depends on time takes `clock.now()` as a
 * parameter instead of calling `now()` in the database.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
