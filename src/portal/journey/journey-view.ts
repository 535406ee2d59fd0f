import { isUUID } from 'class-validator';
import { toBusinessDate } from '../../common/time/business-date';

/** An instant as the Asia/Shanghai business date it falls on (pages never show its time). */
export function businessDateOf(instant: string | undefined): string | undefined {
  return instant ? toBusinessDate(new Date(instant)) : undefined;
}

/** The message key of an application's status (journey.status.*). */
export function applicationStatusKey(status: string | null): string {
  return status === null ? 'journey.status.none' : `journey.status.${status}`;
}

export function supportStatusKey(status: string): string {
  return `journey.supportStatus.${status}`;
}

export function supportTypeKey(type: string): string {
  return `journey.supportType.${type}`;
}

/** Route ids the services look up as uuid columns: anything else is simply not found. */
export function isRecordId(value: string): boolean {
  return isUUID(value);
}

/** A page number from the query: 1 unless a whole number from 1 up. */
export function pageNumber(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? page : 1;
}
