import { FieldError, ValidationFailedException } from '../../common/errors/problem.exception';
import { parseYuan } from '../money';

/** A column of a `lines` form field (one input per row). */
export interface LineColumn {
  name: string;
  /**
   * `fen`: an amount typed in yuan ("1,288.50"), read as whole fen (NaN when it is not one).
   * `file`: an uploaded file, handed to the action as `files['<name>.<row>.<column>']`.
   */
  type?: 'text' | 'date' | 'fen' | 'file';
  /** For a `file` column: the file picker's `accept` (e.g. `.pdf`). */
  accept?: string;
  required?: boolean;
  /** For a `date` column: a new row starts with today's date (Asia/Shanghai). */
  defaultToday?: boolean;
}

/** One row as read from the form: text cells trimmed, fen cells as numbers; blank cells absent. */
export type LineRow = Record<string, string | number | undefined>;

export interface LinesSpec {
  name: string;
  columns: LineColumn[];
  /** Fewest rows accepted (default 1; 0 makes the field optional). */
  minRows?: number;
}

/** A form with more rows than this is not a person filling it in. */
export const MAX_LINE_ROWS = 50;

/**
 * The rows of a `lines` field, from the flat payload AdminJS hands the handler: the form posts
 * `documents.0.number`, `documents.0.issueDate`, `documents.1.number`… as separate fields, and
 * @adminjs/express passes them on as they are. Refuses (400, one error per problem) keys that are
 * not `<name>.<row>.<column>`, rows numbered with gaps, empty rows, and too few or too many rows.
 * Cell values are the domain's to judge (a fen cell that is not a number is NaN, which the
 * service refuses with its own field error).
 */
export function readLines(payload: Record<string, string>, spec: LinesSpec): LineRow[] {
  const errors: FieldError[] = [];
  const cells = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(payload)) {
    if (!key.startsWith(`${spec.name}.`)) continue;
    const cell = parseCellKey(key.slice(spec.name.length + 1), spec.columns);
    if (!cell) {
      errors.push({ field: spec.name, message: `${key} is not a field of this form` });
      continue;
    }
    const row = cells.get(cell.row) ?? {};
    row[cell.column] = value.trim();
    cells.set(cell.row, row);
  }
  const rows = [...Array(cells.size).keys()].map((i) => cells.get(i));
  errors.push(...rowCountErrors(spec, rows.length), ...rowErrors(spec.name, rows));
  if (errors.length > 0) throw new ValidationFailedException(errors);
  return rows.map((row) => toLineRow(row!, spec.columns));
}

function parseCellKey(
  rest: string,
  columns: LineColumn[],
): { row: number; column: string } | undefined {
  const match = /^(\d{1,3})\.([A-Za-z]+)$/.exec(rest);
  if (!match || !columns.some((c) => c.name === match[2])) return undefined;
  const row = Number(match[1]);
  return row < MAX_LINE_ROWS ? { row, column: match[2] } : undefined;
}

function rowCountErrors(spec: LinesSpec, count: number): FieldError[] {
  const min = spec.minRows ?? 1;
  if (count >= min) return [];
  return [{ field: spec.name, message: `${spec.name} must list at least ${min} row(s)` }];
}

/** Rows are numbered 0, 1, 2… (the form renumbers after a removal); none may be blank. */
function rowErrors(name: string, rows: (Record<string, string> | undefined)[]): FieldError[] {
  return rows.flatMap((row, i): FieldError[] => {
    if (!row) {
      return [{ field: `${name}.${i}`, message: `${name}.${i} is missing (rows skip a number)` }];
    }
    if (Object.values(row).every((v) => v === '')) {
      return [{ field: `${name}.${i}`, message: `${name}.${i} is empty: fill it in or remove it` }];
    }
    return [];
  });
}

function toLineRow(cells: Record<string, string>, columns: LineColumn[]): LineRow {
  const row: LineRow = {};
  for (const column of columns) {
    const value = cells[column.name];
    if (value === undefined || value === '') continue;
    row[column.name] = column.type === 'fen' ? fenOf(value) : value;
  }
  return row;
}

/** Fen from yuan typed in a form; NaN (refused by the service's rules) when it is not an amount. */
export function fenOf(value: string): number {
  return parseYuan(value) ?? Number.NaN;
}

/** A text cell, '' when blank (the service refuses a blank required value with a field error). */
export const textCell = (row: LineRow, column: string): string => String(row[column] ?? '');

/** A fen cell; NaN when blank or not a whole number (refused by the service's rules). */
export const fenCell = (row: LineRow, column: string): number =>
  typeof row[column] === 'number' ? row[column] : Number.NaN;
