import { isoUtcInstant, jsonObject } from '../../database/sql-json';
import type { RedLetterFormDto } from './dto/red-letter-form.dto';
import type { RedLetterReason, RedLetterStatus } from './red-letter-status';

/** A form as redLetterFormsJson writes it (instants already ISO-8601 strings). */
export interface RedLetterFormRow {
  id: string;
  status: RedLetterStatus;
  reasonCode: RedLetterReason;
  amountFen: number | string;
  originalNumber: string;
  needsBuyerConfirmation: boolean;
  deadlineAt: string | null;
  confirmedAt: string | null;
  redNumber: string | null;
  createdAt: string;
  history: {
    from: RedLetterStatus | null;
    to: RedLetterStatus;
    at: string;
    message: string | null;
  }[];
}

/**
 * The forms of a support request or an application as one JSON array, for the readers' single
 * statement (a correlated subquery on an indexed column, like their history and documents).
 * `column` is `support_request_id` or `application_id`; `id` the outer query's expression.
 */
export function redLetterFormsJson(
  column: 'support_request_id' | 'application_id',
  id: string,
): string {
  const form = jsonObject({
    id: 'f.id',
    status: 'f.status',
    reasonCode: 'f.reason_code',
    amountFen: 'f.amount_fen',
    originalNumber: 'f.original_number',
    needsBuyerConfirmation: 'f.needs_buyer_confirmation',
    deadlineAt: isoUtcInstant('f.deadline_at'),
    confirmedAt: isoUtcInstant('f.confirmed_at'),
    redNumber: '(SELECT rd.number FROM fapiao_documents rd WHERE rd.id = f.red_document_id)',
    createdAt: isoUtcInstant('f.created_at'),
    history: `COALESCE((SELECT json_agg(json_build_object('from', h.from_status, 'to', h.to_status,
                  'at', ${isoUtcInstant('h.at')}, 'message', h.message) ORDER BY h.id)
                FROM red_letter_form_history h WHERE h.form_id = f.id), '[]'::json)`,
  });
  return `COALESCE((SELECT json_agg(${form} ORDER BY f.created_at, f.id)
                      FROM red_letter_forms f WHERE f.${column} = ${id}), '[]'::json)`;
}

export function toRedLetterFormDto(row: RedLetterFormRow): RedLetterFormDto {
  return {
    id: row.id,
    status: row.status,
    reasonCode: row.reasonCode,
    amountFen: Number(row.amountFen),
    originalNumber: row.originalNumber,
    needsBuyerConfirmation: row.needsBuyerConfirmation,
    ...(row.deadlineAt ? { deadlineAt: row.deadlineAt } : {}),
    ...(row.confirmedAt ? { confirmedAt: row.confirmedAt } : {}),
    ...(row.redNumber ? { redNumber: row.redNumber } : {}),
    createdAt: row.createdAt,
    history: row.history.map((h) => ({
      from: h.from,
      to: h.to,
      at: h.at,
      ...(h.message ? { message: h.message } : {}),
    })),
  };
}
