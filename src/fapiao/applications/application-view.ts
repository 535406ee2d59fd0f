import type { Locale } from '../../common/locale';
import type { ShippingMethod } from '../../shipping/shipping-method';
import { toRedLetterFormDto } from '../red-letter/red-letter-view';
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

/**
 * The customer's view of an application as ApplicationsRepository reads it (snake_case);
 * instants are ISO 8601 UTC strings, dates `YYYY-MM-DD`.
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
