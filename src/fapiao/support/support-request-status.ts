/** Types of support request (part of the REST contract). */
export const SUPPORT_REQUEST_TYPES = ['split', 'retitle', 'not_received', 'other'] as const;
export type SupportRequestType = (typeof SUPPORT_REQUEST_TYPES)[number];

/**
 * open → in_progress → (awaiting_return → in_progress, for paper fapiao that must come back)
 * → resolved | rejected.
 */
export const SUPPORT_REQUEST_STATUSES = [
  'open',
  'in_progress',
  'awaiting_return',
  'resolved',
  'rejected',
] as const;
export type SupportRequestStatus = (typeof SUPPORT_REQUEST_STATUSES)[number];

export const FINAL_STATUSES: readonly SupportRequestStatus[] = ['resolved', 'rejected'];

/** Request number for people: `SR` and the sequence, zero-padded (e.g. SR000042). */
export function formatRequestNumber(sequence: number | string): string {
  return `SR${String(sequence).padStart(6, '0')}`;
}
