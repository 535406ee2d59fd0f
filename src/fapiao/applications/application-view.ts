import type { Locale } from '../../common/locale';
import { isoUtcInstant, jsonObject } from '../../database/sql-json';
import type { ShippingMethod } from '../../shipping/shipping-method';
import { PERIOD_ACTIVE_AT } from '../out-of-use/out-of-use.service';
import { redLetterFormsJson, toRedLetterFormDto } from '../red-letter/red-letter-view';
import type { RedLetterFormRow } from '../red-letter/red-letter-view';
import type { ApplicationPurpose, FapiaoType } from '../titles/fapiao-title';
import type { ApplicationStatus } from './application-status';
import type {
  ApplicationDto,
  DocumentDto,
  HistoryEntryDto,
  ShippingDto,
  TitleDto,
} from './dto/application.dto';

/** The history columns the view reads (and a move's new entry returns). */
export const HISTORY_COLUMNS = 'id, from_status, to_status, at, remark';

/** The application's own columns in the view, by the key they have in `ApplicationRow`. */
const APPLICATION_FIELDS = {
  id: 'a.id',
  order_number: 'a.order_number',
  type: 'a.type',
  purpose: 'a.purpose',
  status: 'a.status',
  version: 'a.version',
  amount_fen: 'a.amount_fen',
  locale: 'a.locale',
  created_at: isoUtcInstant('a.created_at'),
  updated_at: isoUtcInstant('a.updated_at'),
  submitted_at: isoUtcInstant('a.submitted_at'),
  due_date: "to_char(a.due_date, 'YYYY-MM-DD')",
  due_date_provisional: 'a.due_date_provisional',
  expected_issue_date: "to_char(a.expected_issue_date, 'YYYY-MM-DD')",
  carrier: 'a.carrier',
  tracking_number: 'a.tracking_number',
  rejection_reason: 'a.rejection_reason',
  title_buyer_name: 'a.title_buyer_name',
  title_tax_id: 'a.title_tax_id',
  title_address: 'a.title_address',
  title_phone: 'a.title_phone',
  title_bank_name: 'a.title_bank_name',
  title_bank_account: 'a.title_bank_account',
  shipping_method: 'a.shipping_method',
  shipping_recipient: 'a.shipping_recipient',
  shipping_phone: 'a.shipping_phone',
  shipping_province: 'a.shipping_province',
  shipping_city: 'a.shipping_city',
  shipping_district: 'a.shipping_district',
  shipping_address: 'a.shipping_address',
  shipping_postal_code: 'a.shipping_postal_code',
  shipping_delivery_emails: 'a.shipping_delivery_emails',
} satisfies Record<Exclude<keyof ApplicationRow, ViewedAlongside>, string>;

/** What the view adds to the application's own columns. */
type ViewedAlongside =
  | 'history'
  | 'documents'
  | 'red_letter_forms'
  | 'notice_zh'
  | 'notice_en'
  | 'notice_expected_issue_date';

/**
 * The customer's view of applications in one SELECT: the application row with its history and
 * documents aggregated as JSON (correlated subqueries on indexed columns, no N+1) and the current
 * out-of-use notice. Read by ApplicationReader, and returned by the one-statement moves
 * (ApplicationMoves) so that a create or confirm answers without reading again.
 *
 * Each row is ONE json column, `application` (an `ApplicationRow`), with its instants already
 * in the API's format: node-postgres sets up a parser per column of every result and a Date per
 * timestamp, which cost more than the rest of the answer's mapping (the benchmark's profile).
 *
 * - `application`: the table or the CTE (with all the table's columns) the rows come from;
 * - `nowParam`: the placeholder of the instant "now" (for the notice);
 * - `newHistory`: a CTE of history entries the same statement wrote (its snapshot does not see
 *   them in the table);
 * - `extraColumns`: columns put first, each followed by a comma.
 */
export function applicationViewSelect(o: ViewSelectOptions): string {
  // Writes assemble their statement on every request, and this part is most of its text.
  const key = JSON.stringify([o.application, o.nowParam, o.newHistory, o.extraColumns]);
  let text = viewSelects.get(key);
  if (text === undefined) {
    text = buildViewSelect(o);
    viewSelects.set(key, text);
  }
  return text;
}

interface ViewSelectOptions {
  application: string;
  nowParam: string;
  newHistory?: string;
  extraColumns?: string;
}

/** By options; callers use a handful of them. */
const viewSelects = new Map<string, string>();

function buildViewSelect(o: ViewSelectOptions): string {
  const history = o.newHistory
    ? `(SELECT ${HISTORY_COLUMNS} FROM application_history WHERE application_id = a.id
        UNION ALL SELECT ${HISTORY_COLUMNS} FROM ${o.newHistory})`
    : `(SELECT ${HISTORY_COLUMNS} FROM application_history WHERE application_id = a.id)`;
  const view = jsonObject({
    ...APPLICATION_FIELDS,
    history: `COALESCE((SELECT json_agg(json_build_object('from', h.from_status, 'to', h.to_status,
                                                     'at', ${isoUtcInstant('h.at')}, 'remark', h.remark)
                                   ORDER BY h.id)
                     FROM ${history} h), '[]'::json)`,
    documents: `COALESCE((SELECT json_agg(json_build_object('id', d.id, 'kind', d.kind, 'number', d.number,
                                                     'issueDate', to_char(d.issue_date, 'YYYY-MM-DD'),
                                                     'amountFen', d.amount_fen,
                                                     'taxAmountFen', d.tax_amount_fen,
                                                     'taxRateBasisPoints', d.tax_rate_basis_points,
                                                     'invoiceCode', d.invoice_code,
                                                     'reverses', (SELECT r.number FROM fapiao_documents r
                                                                   WHERE r.id = d.reverses_document_id))
                                   ORDER BY d.created_at, d.number)
                     FROM fapiao_documents d WHERE d.application_id = a.id), '[]'::json)`,
    red_letter_forms: redLetterFormsJson('application_id', 'a.id'),
    notice_zh: 'n.notice_zh',
    notice_en: 'n.notice_en',
    notice_expected_issue_date: 'n.expected_issue_date',
  } satisfies Record<keyof ApplicationRow, string>);
  return `
  SELECT ${o.extraColumns ?? ''} ${view} AS application
    FROM ${o.application} a
    LEFT JOIN LATERAL (
      SELECT p.notice_zh, p.notice_en, to_char(p.expected_issue_date, 'YYYY-MM-DD') AS expected_issue_date
        FROM out_of_use_periods p
       WHERE ${PERIOD_ACTIVE_AT('p', o.nowParam)}
       ORDER BY p.expected_issue_date DESC, p.starts_at
       LIMIT 1
    ) n ON true`;
}

/** A row of applicationViewSelect. */
export interface ApplicationViewRow {
  application: ApplicationRow;
}

/**
 * The `application` of applicationViewSelect (snake_case, as the statement names it); instants
 * are ISO 8601 UTC strings, dates `YYYY-MM-DD`.
 */
export interface ApplicationRow {
  id: string;
  order_number: string;
  type: FapiaoType;
  purpose: ApplicationPurpose;
  status: ApplicationStatus;
  version: number;
  amount_fen: number | string;
  locale: Locale;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  due_date: string | null;
  due_date_provisional: boolean;
  expected_issue_date: string | null;
  carrier: string | null;
  tracking_number: string | null;
  rejection_reason: string | null;
  title_buyer_name: string;
  title_tax_id: string | null;
  title_address: string | null;
  title_phone: string | null;
  title_bank_name: string | null;
  title_bank_account: string | null;
  shipping_method: ShippingMethod;
  shipping_recipient: string | null;
  shipping_phone: string | null;
  shipping_province: string | null;
  shipping_city: string | null;
  shipping_district: string | null;
  shipping_address: string | null;
  shipping_postal_code: string | null;
  shipping_delivery_emails: string[] | null;
  history: {
    from: ApplicationStatus | null;
    to: ApplicationStatus;
    at: string;
    remark: string | null;
  }[];
  documents: DocumentDto[];
  red_letter_forms: RedLetterFormRow[];
  notice_zh: string | null;
  notice_en: string | null;
  notice_expected_issue_date: string | null;
}

/** Statuses in which an out-of-use period delays the application (so its notice concerns it). */
const WAITING_STATUSES: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'processing',
  'on_hold',
];

/** Copies the fields that have a value: the JSON leaves absent ones out instead of `null`. */
function present<T extends object>(values: { [K in keyof T]: T[K] | null | undefined }): T {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== null && value !== undefined),
  ) as T;
}

export function toTitleDto(
  row: Pick<ApplicationRow, `title_${string}` & keyof ApplicationRow>,
): TitleDto {
  return present<TitleDto>({
    buyerName: row.title_buyer_name,
    taxId: row.title_tax_id,
    address: row.title_address,
    phone: row.title_phone,
    bankName: row.title_bank_name,
    bankAccount: row.title_bank_account,
  });
}

export function toShippingDto(
  row: Pick<ApplicationRow, `shipping_${string}` & keyof ApplicationRow>,
): ShippingDto {
  return present<ShippingDto>({
    method: row.shipping_method,
    recipient: row.shipping_recipient,
    phone: row.shipping_phone,
    province: row.shipping_province,
    city: row.shipping_city,
    district: row.shipping_district,
    address: row.shipping_address,
    postalCode: row.shipping_postal_code,
    deliveryEmails: row.shipping_delivery_emails,
  });
}

/** The customer's JSON of an application. Staff identities in the history are never shown. */
export function toApplicationDto(row: ApplicationRow): ApplicationDto {
  const history: HistoryEntryDto[] = row.history.map((h) => ({
    from: h.from,
    to: h.to,
    at: h.at,
    ...(h.remark ? { remark: h.remark } : {}),
  }));
  const noticeApplies = row.notice_zh !== null && WAITING_STATUSES.includes(row.status);
  const notice = noticeApplies
    ? {
        message: row.locale === 'en' ? row.notice_en! : row.notice_zh!,
        expectedIssueDate: row.notice_expected_issue_date!,
      }
    : undefined;
  return {
    id: row.id,
    orderNumber: row.order_number,
    type: row.type,
    purpose: row.purpose,
    title: toTitleDto(row),
    shipping: toShippingDto(row),
    status: row.status,
    version: row.version,
    amountFen: Number(row.amount_fen),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    remarks: history.filter((h) => h.remark).map((h) => ({ at: h.at, text: h.remark! })),
    history,
    documents: row.documents.map(({ reverses, taxRateBasisPoints, invoiceCode, ...d }) => ({
      ...d,
      amountFen: Number(d.amountFen),
      taxAmountFen: Number(d.taxAmountFen),
      amountWithoutTaxFen: Number(d.amountFen) - Number(d.taxAmountFen),
      ...(taxRateBasisPoints === null || taxRateBasisPoints === undefined
        ? {}
        : { taxRateBasisPoints }),
      ...(invoiceCode ? { invoiceCode } : {}),
      // A red-letter document names the blue one it reverses (retitle, split after issue).
      ...(reverses ? { reverses } : {}),
    })),
    redLetterForms: row.red_letter_forms.map(toRedLetterFormDto),
    ...present({
      submittedAt: row.submitted_at,
      dueDate: row.due_date,
      dueDateProvisional: row.due_date ? row.due_date_provisional : undefined,
      expectedIssueDate: row.expected_issue_date ?? notice?.expectedIssueDate,
      notice,
      carrier: row.carrier,
      trackingNumber: row.tracking_number,
      rejectionReason: row.rejection_reason,
    }),
  };
}
