import type { StatementValues } from '../../database/statement-values';
import type { FapiaoTitle } from '../titles/fapiao-title';
import type { ShippingDetails } from '../../shipping/shipping-method';
import type { FapiaoApplication } from './entities/fapiao-application.entity';

/**
 * The columns of `fapiao_applications` that the one-statement writes (ApplicationMoves) set, with
 * their SQL types: the entity's mapping written out, because those statements are plain SQL.
 */
const TITLE_COLUMNS = {
  buyerName: ['title_buyer_name', 'varchar'],
  taxId: ['title_tax_id', 'varchar'],
  address: ['title_address', 'varchar'],
  phone: ['title_phone', 'varchar'],
  bankName: ['title_bank_name', 'varchar'],
  bankAccount: ['title_bank_account', 'varchar'],
} as const satisfies Record<keyof FapiaoTitle, readonly [string, string]>;

const SHIPPING_COLUMNS = {
  method: ['shipping_method', 'varchar'],
  recipient: ['shipping_recipient', 'varchar'],
  phone: ['shipping_phone', 'varchar'],
  province: ['shipping_province', 'varchar'],
  city: ['shipping_city', 'varchar'],
  district: ['shipping_district', 'varchar'],
  address: ['shipping_address', 'varchar'],
  postalCode: ['shipping_postal_code', 'varchar'],
  deliveryEmails: ['shipping_delivery_emails', 'varchar[]'],
} as const satisfies Record<keyof ShippingDetails, readonly [string, string]>;

const CHANGEABLE_COLUMNS = {
  submittedAt: ['submitted_at', 'timestamptz'],
  dueDate: ['due_date', 'date'],
  dueDateProvisional: ['due_date_provisional', 'boolean'],
  contactEmail: ['contact_email', 'varchar'],
  locale: ['locale', 'varchar'],
  expectedIssueDate: ['expected_issue_date', 'date'],
  onHoldPeriodId: ['on_hold_period_id', 'uuid'],
  carrier: ['carrier', 'varchar'],
  trackingNumber: ['tracking_number', 'varchar'],
  rejectionReason: ['rejection_reason', 'varchar'],
} as const satisfies Partial<Record<keyof FapiaoApplication, readonly [string, string]>>;

/** Columns an edge may change together with the status (the title: retitle by support). */
export type ApplicationChanges = {
  [K in keyof typeof CHANGEABLE_COLUMNS]?: FapiaoApplication[K];
} & { title?: FapiaoTitle };

/** `column = $n::type` for each change given (an undefined value is no change). */
export function changeAssignments(changes: ApplicationChanges, values: StatementValues): string[] {
  const assignments: string[] = [];
  for (const [key, [column, type]] of Object.entries(CHANGEABLE_COLUMNS)) {
    const value = changes[key as keyof typeof CHANGEABLE_COLUMNS];
    if (value !== undefined) assignments.push(`${column} = ${values.add(value, type)}`);
  }
  if (changes.title) {
    for (const [column, value] of titleColumnValues(changes.title, values)) {
      assignments.push(`${column} = ${value}`);
    }
  }
  return assignments;
}

/** [column, placeholder] for every title column (absent parts are NULL). */
export function titleColumnValues(title: FapiaoTitle, values: StatementValues): [string, string][] {
  return columnValues(TITLE_COLUMNS, title, values);
}

/** [column, placeholder] for every shipping column (absent parts are NULL). */
export function shippingColumnValues(
  shipping: ShippingDetails,
  values: StatementValues,
): [string, string][] {
  return columnValues(SHIPPING_COLUMNS, shipping, values);
}

function columnValues<Part extends object>(
  columns: Record<keyof Part, readonly [string, string]>,
  part: Part,
  values: StatementValues,
): [string, string][] {
  return (Object.keys(columns) as (keyof Part)[]).map((key) => {
    const [column, type] = columns[key];
    return [column, values.add(part[key] ?? null, type)];
  });
}
