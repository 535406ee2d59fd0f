import type { Locale } from '../common/locale';
import { toBusinessDate } from '../common/time/business-date';
import type { IssuedDocumentRow } from '../fapiao/applications/staff-applications.service';
import type { ReceivedPayment } from '../orders/payment-records.service';
import { yuanDecimal } from './money';

const COLUMNS: Record<Locale, string[]> = {
  'zh-CN': [
    '发票号码',
    '类型',
    '开票日期',
    '金额（元）',
    '税额（元）',
    '订单号',
    '购买方名称',
    '纳税人识别号',
    '账单金额（元）',
    '付款流水号',
    '付款方',
    '付款金额（元）',
    '付款日期',
  ],
  en: [
    'Fapiao number',
    'Kind',
    'Issue date',
    'Amount (yuan)',
    'Tax (yuan)',
    'Order number',
    'Buyer',
    'Taxpayer ID',
    'Bill amount (yuan)',
    'Payment reference',
    'Payer',
    'Paid (yuan)',
    'Paid on',
  ],
};

const KINDS: Record<Locale, Record<string, string>> = {
  'zh-CN': { blue: '蓝字', red: '红字' },
  en: { blue: 'Blue', red: 'Red-letter' },
};

/**
 * One CSV cell: quoted when it holds a separator, quote or line break; text a spreadsheet would
 * run as a formula (=, +, -, @ first) is prefixed with an apostrophe. Amounts are written as
 * numbers and skip that step.
 */
function cell(value: string, numeric = false): string {
  const safe = !numeric && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Finance's monthly list: every fapiao issued in the month, one line each, beside the payment
 * received for its order. UTF-8 with a byte-order mark so that spreadsheets read the Chinese.
 */
export function financeCsv(
  documents: readonly IssuedDocumentRow[],
  payments: readonly ReceivedPayment[],
  locale: Locale,
): string {
  const paymentByOrder = new Map(payments.map((p) => [p.orderId, p]));
  const lines = documents.map((d) => {
    const payment = paymentByOrder.get(d.orderId);
    return [
      cell(d.number),
      cell(KINDS[locale][d.kind] ?? d.kind),
      cell(d.issueDate),
      cell(yuanDecimal(d.amountFen), true),
      cell(yuanDecimal(d.taxAmountFen), true),
      cell(d.orderNumber),
      cell(d.buyerName),
      cell(d.taxId ?? ''),
      cell(yuanDecimal(d.billAmountFen), true),
      cell(payment?.paymentReference ?? ''),
      cell(payment?.payerName ?? ''),
      payment ? cell(yuanDecimal(payment.amountFen), true) : '',
      payment ? cell(toBusinessDate(payment.paidAt)) : '',
    ].join(',');
  });
  return `\uFEFF${[COLUMNS[locale].join(','), ...lines].join('\r\n')}\r\n`;
}
