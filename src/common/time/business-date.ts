/** Business dates are calendar days in China (Asia/Shanghai, UTC+8, no daylight saving). */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of the instant in Asia/Shanghai. */
export function toBusinessDate(instant: Date): string {
  return formatter.format(instant);
}

const hourFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: BUSINESS_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Minutes since local midnight in Asia/Shanghai, e.g. 17:00 is 1020. */
export function businessMinuteOfDay(instant: Date): number {
  const [hours, minutes] = hourFormatter.format(instant).split(':').map(Number);
  return hours * 60 + minutes;
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const utc = new Date(`${date}T00:00:00Z`);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

export function isBusinessDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const BEIJING_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as `YYYY-MM-DD HH:mm` in Beijing time (Asia/Shanghai), for messages to staff. */
export function formatBeijingTime(instant: Date): string {
  return BEIJING_TIME.format(instant);
}
