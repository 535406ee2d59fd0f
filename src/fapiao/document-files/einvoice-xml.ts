import { XMLParser } from 'fast-xml-parser';

/**
 * What the national digital-fapiao XML (数电发票, root `EInvoice`) says about the points staff
 * enter by hand. Values are kept as text: a 20-digit number or an amount must not pass through a
 * JavaScript number.
 */
export interface EInvoiceFacts {
  number: string | null;
  /** `YYYY-MM-DD`. */
  issueDate: string | null;
  buyerName: string | null;
  buyerTaxId: string | null;
  /** 价税合计 in fen, or null when absent or not an amount. */
  totalWithTaxFen: number | null;
  taxAmountFen: number | null;
  /** Each item line's tax rate in basis points ("0.06" → 600); lines without one left out. */
  taxRatesBasisPoints: number[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

type Node = Record<string, unknown>;

function child(node: unknown, name: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as Node)[name];
  return Array.isArray(value) ? value[0] : value;
}

function text(node: unknown, ...path: string[]): string | null {
  const value = path.reduce<unknown>((at, name) => child(at, name), node);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * The facts of a digital-fapiao XML, or null when the file is not one (no `EInvoice` root).
 * The issue date is the tax supervision's IssueTime (a date, sometimes with a time).
 */
export function readEInvoiceXml(xml: string): EInvoiceFacts | null {
  const root = child(parser.parse(xml), 'EInvoice');
  if (!root || typeof root !== 'object') return null;
  const data = child(root, 'EInvoiceData');
  const issueTime =
    text(root, 'TaxSupervisionInfo', 'IssueTime') ?? text(data, 'BasicInformation', 'RequestTime');
  const date = issueTime && /^(\d{4})-?(\d{2})-?(\d{2})/.exec(issueTime);
  return {
    number: text(root, 'TaxSupervisionInfo', 'InvoiceNumber') ?? text(root, 'Header', 'EIid'),
    issueDate: date ? `${date[1]}-${date[2]}-${date[3]}` : null,
    buyerName: text(data, 'BuyerInformation', 'BuyerName'),
    buyerTaxId: text(data, 'BuyerInformation', 'BuyerIdNum'),
    totalWithTaxFen: yuanTextToFen(text(data, 'BasicInformation', 'TotalTax-includedAmount')),
    taxAmountFen: yuanTextToFen(text(data, 'BasicInformation', 'TotalTaxAm')),
    taxRatesBasisPoints: items(data)
      .map((item) => rateToBasisPoints(text(item, 'TaxRate')))
      .filter((rate): rate is number => rate !== null),
  };
}

function items(data: unknown): unknown[] {
  const value = data && typeof data === 'object' ? (data as Node).IssuItemInformation : undefined;
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** "0.06", "0.130000" or "6%" in basis points, by the digits; null for anything else. */
export function rateToBasisPoints(value: string | null): number | null {
  if (value === null) return null;
  const percent = /^(\d{1,3})(?:\.(\d{1,2}))?%$/.exec(value);
  if (percent) return Number(percent[1]) * 100 + Number((percent[2] ?? '').padEnd(2, '0'));
  const fraction = /^0?\.(\d+)$|^(1)(?:\.0+)?$/.exec(value);
  if (!fraction) return value === '0' ? 0 : null;
  if (fraction[2]) return 10_000;
  const digits = fraction[1];
  if (/[1-9]/.test(digits.slice(4))) return null;
  return Number(digits.slice(0, 4).padEnd(4, '0'));
}

/**
 * A decimal yuan amount as written in the XML ("1130.00", "-12.5") in whole fen, by its digits:
 * never through floating point. Null for anything else, or for a fraction finer than a fen.
 */
export function yuanTextToFen(value: string | null): number | null {
  if (value === null) return null;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.replace(/,/g, ''));
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(2))) return null;
  const fen = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(sign ? -fen : fen);
}
