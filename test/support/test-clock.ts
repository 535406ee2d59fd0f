import { Clock } from '../../src/common/time/clock';

/**
 * A clock tests control. It follows real time until `set()` freezes it at an instant; `advance()`
 * moves it forward (frozen or not).
 */
export class TestClock extends Clock {
  private frozenAt?: number;
  private offsetMs = 0;

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  set(instant: Date | string): this {
    this.frozenAt = new Date(instant).getTime();
    return this;
  }

  advance(ms: number): this {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
    return this;
  }

  /** Back to real time. */
  reset(): this {
    this.frozenAt = undefined;
    this.offsetMs = 0;
    return this;
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
