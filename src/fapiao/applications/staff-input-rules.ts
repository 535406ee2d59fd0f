import type { FieldError } from '../../common/errors/problem.exception';
import { isBusinessDate } from '../../common/time/business-date';
import type { IssuedDocumentInput } from './application-state-machine';

/** Fapiao numbers: 8 digits (paper fapiao) up to 20 digits (fully digital fapiao, 全电发票). */
export const DOCUMENT_NUMBER = /^\d{8,20}$/;
const TRACKING_NUMBER = /^[A-Za-z0-9-]{6,40}$/;
/** A legacy paper fapiao's invoice code (发票代码). */
const INVOICE_CODE = /^\d{10}(\d{2})?$/;

/**
 * What staff enter when issuing: at least one document, valid numbers (no duplicates), an issue
 * date not in the future, integer fen amounts that add up to the bill, tax below the amount.
 */
export function checkIssuedDocuments(
  documents: IssuedDocumentInput[],
  billAmountFen: number,
  today: string,
): FieldError[] {
  if (!Array.isArray(documents) || documents.length === 0) {
    return [{ field: 'documents', message: 'documents must list at least one issued fapiao' }];
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  documents.forEach((d, i) => {
    const at = (name: string) => `documents.${i}.${name}`;
    if (typeof d.number !== 'string' || !DOCUMENT_NUMBER.test(d.number)) {
      errors.push({ field: at('number'), message: `${at('number')} must be 8 to 20 digits` });
    } else if (seen.has(d.number)) {
      errors.push({ field: at('number'), message: `${at('number')} is listed twice` });
    } else seen.add(d.number);
    if (typeof d.issueDate !== 'string' || !isBusinessDate(d.issueDate)) {
      errors.push({
        field: at('issueDate'),
        message: `${at('issueDate')} must be a date (YYYY-MM-DD)`,
      });
    } else if (d.issueDate > today) {
      errors.push({
        field: at('issueDate'),
        message: `${at('issueDate')} must not be in the future`,
      });
    }
    if (!Number.isSafeInteger(d.amountFen) || d.amountFen <= 0) {
      errors.push({
        field: at('amountFen'),
        message: `${at('amountFen')} must be a positive whole number of fen`,
      });
    }
    if (!Number.isSafeInteger(d.taxAmountFen) || d.taxAmountFen < 0) {
      errors.push({
        field: at('taxAmountFen'),
        message: `${at('taxAmountFen')} must be a whole number of fen, 0 or more`,
      });
    } else if (Number.isSafeInteger(d.amountFen) && d.taxAmountFen >= d.amountFen) {
      errors.push({
        field: at('taxAmountFen'),
        message: `${at('taxAmountFen')} must be less than the amount`,
      });
    }
    const rate = d.taxRateBasisPoints;
    if (
      rate !== undefined &&
      rate !== null &&
      !(Number.isSafeInteger(rate) && rate >= 0 && rate <= 10_000)
    ) {
      errors.push({
        field: at('taxRate'),
        message: `${at('taxRate')} must be a percentage from 0 to 100 with at most two decimals`,
      });
    }
    if (d.invoiceCode !== undefined && d.invoiceCode !== null) {
      if (!INVOICE_CODE.test(d.invoiceCode)) {
        errors.push({
          field: at('invoiceCode'),
          message: `${at('invoiceCode')} must be 10 or 12 digits`,
        });
      } else if (typeof d.number === 'string' && d.number.length !== 8) {
        errors.push({
          field: at('invoiceCode'),
          message: `${at('invoiceCode')} belongs to an 8-digit paper fapiao number; a digital fapiao has none`,
        });
      }
    }
  });
  if (errors.length === 0) {
    const total = documents.reduce((sum, d) => sum + d.amountFen, 0);
    if (total !== billAmountFen) {
      errors.push({
        field: 'documents',
        message: `the documents add up to ${total} fen but the bill is ${billAmountFen} fen`,
      });
    }
  }
  return errors;
}

export function checkParcel(parcel: { carrier: string; trackingNumber: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (
    typeof parcel.carrier !== 'string' ||
    parcel.carrier.trim() === '' ||
    parcel.carrier.length > 50
  ) {
    errors.push({ field: 'carrier', message: 'carrier must be given (at most 50 characters)' });
  }
  if (
    typeof parcel.trackingNumber !== 'string' ||
    !TRACKING_NUMBER.test(parcel.trackingNumber.trim())
  ) {
    errors.push({
      field: 'trackingNumber',
      message: 'trackingNumber must be 6 to 40 letters, digits or dashes',
    });
  }
  return errors;
}

export function checkText(field: string, value: string, maxLength = 1000): FieldError[] {
  if (typeof value !== 'string' || value.trim() === '') {
    return [{ field, message: `${field} must be given` }];
  }
  if (value.length > maxLength)
    return [{ field, message: `${field} must be at most ${maxLength} characters` }];
  return [];
}
