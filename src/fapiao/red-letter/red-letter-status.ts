/**
 * A red-letter confirmation form (红字发票信息确认单) of a digital fapiao:
 *
 * ```
 * waiting_for_buyer ──buyer confirms on its e-tax platform (staff record it)──> confirmed
 *   │  └──72 hours without it (RedLetterLapseJob)──> lapsed
 *   └──────────────┴──staff void it (before the red fapiao)──> void
 * ```
 * A form that needs no confirmation (buyer without taxpayer ID, or one that has not booked the
 * fapiao) starts confirmed. Once its red fapiao is recorded a confirmed form stays confirmed.
 */
export const RED_LETTER_STATUSES = ['waiting_for_buyer', 'confirmed', 'lapsed', 'void'] as const;
export type RedLetterStatus = (typeof RED_LETTER_STATUSES)[number];

/** Statuses of a form that still stands (one per original document: a partial unique index). */
export const OPEN_RED_LETTER_STATUSES: readonly RedLetterStatus[] = [
  'waiting_for_buyer',
  'confirmed',
];

/** The reason codes of the national tax platform. */
export const RED_LETTER_REASONS = {
  '01': { en: 'Wrong issue', 'zh-CN': '开票有误' },
  '02': { en: 'Returned goods', 'zh-CN': '销货退回' },
  '03': { en: 'Service stopped', 'zh-CN': '服务中止' },
  '04': { en: 'Sales discount', 'zh-CN': '销售折让' },
} as const;
export type RedLetterReason = keyof typeof RED_LETTER_REASONS;
export const RED_LETTER_REASON_CODES = Object.keys(RED_LETTER_REASONS) as RedLetterReason[];

/** The buyer confirms on its own e-tax platform within this many hours, or the form lapses. */
export const CONFIRMATION_HOURS = 72;

export function isRedLetterReason(value: unknown): value is RedLetterReason {
  return typeof value === 'string' && Object.hasOwn(RED_LETTER_REASONS, value);
}
