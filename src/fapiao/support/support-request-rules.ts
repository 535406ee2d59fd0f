import type { FieldError } from '../../common/errors/problem.exception';
import type { FapiaoTitle, FapiaoType } from '../titles/fapiao-title';
import { checkTitle, normaliseTitle } from '../titles/title-rules';
import type { SplitLine } from './entities/support-request.entity';
import { SupportRequestException } from './support-request.exception';

/**
 * A split: at least two lines, each title valid for the fapiao type (same rules as an
 * application), each amount a positive whole number of fen, all adding up exactly to the bill.
 * Field errors first (422 with every failing field), then the total (422 naming it).
 */
export function checkSplitLines(
  type: FapiaoType,
  lines: SplitLine[] | undefined | null,
  billAmountFen: number,
): SplitLine[] {
  if (!Array.isArray(lines) || lines.length < 2) {
    throw SupportRequestException.invalid([
      { field: 'lines', message: 'lines must list at least two fapiao (title and amount each)' },
    ]);
  }
  const errors: FieldError[] = [];
  lines.forEach((line, i) => {
    if (!line || typeof line.title !== 'object' || line.title === null) {
      errors.push({ field: `lines.${i}.title`, message: `lines.${i}.title is required` });
    } else {
      errors.push(...checkTitle(type, line.title, `lines.${i}.title`));
    }
    if (!Number.isSafeInteger(line?.amountFen) || line.amountFen <= 0) {
      errors.push({
        field: `lines.${i}.amountFen`,
        message: `lines.${i}.amountFen must be a positive whole number of fen`,
      });
    }
  });
  if (errors.length > 0) throw SupportRequestException.invalid(errors);
  const total = lines.reduce((sum, line) => sum + line.amountFen, 0);
  if (total !== billAmountFen)
    throw SupportRequestException.splitTotalMismatch(total, billAmountFen);
  return lines.map((line) => ({ title: normaliseTitle(line.title), amountFen: line.amountFen }));
}

export function checkNewTitle(
  type: FapiaoType,
  title: FapiaoTitle | undefined | null,
): FapiaoTitle {
  if (!title || typeof title !== 'object') {
    throw SupportRequestException.invalid([
      { field: 'newTitle', message: 'newTitle is required for a retitle request' },
    ]);
  }
  const errors = checkTitle(type, title, 'newTitle');
  if (errors.length > 0) throw SupportRequestException.invalid(errors);
  return normaliseTitle(title);
}
