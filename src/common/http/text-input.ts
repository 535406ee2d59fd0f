import 'reflect-metadata';
import type { FieldError } from '../errors/problem.exception';

/** Deeper JSON than this is refused: no request of this API nests more than a few levels. */
export const MAX_JSON_DEPTH = 16;

/**
 * Control characters PostgreSQL cannot store (NUL) or that no person types: C0 except tab, LF and
 * CR, DEL, and C1. Tab, LF and CR are refused too unless the field is `@MultiLine()`.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEVER_ALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS_AND_TABS = /[\t\n\r]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MULTI_LINE_KEY = Symbol('fapiao:multi-line');

/**
 * Marks a DTO property whose text may hold tab, CR and LF (messages, remarks, addresses, and
 * passwords, which are never shown). Every other string field is one line.
 */
export function MultiLine(): PropertyDecorator {
  return (target, property) => {
    const inherited: (string | symbol)[] = Reflect.getMetadata(MULTI_LINE_KEY, target) ?? [];
    Reflect.defineMetadata(MULTI_LINE_KEY, [...inherited, property], target);
  };
}

function isMultiLine(owner: object, property: string): boolean {
  const marked: (string | symbol)[] | undefined = Reflect.getMetadata(MULTI_LINE_KEY, owner);
  return marked?.includes(property) ?? false;
}

/** Why `text` cannot be accepted as it is, or null when it can. */
export function textProblem(text: string, multiLine: boolean): string | null {
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  if (NEVER_ALLOWED.test(text)) return 'contains a control character';
  if (!multiLine && LINE_BREAKS_AND_TABS.test(text))
    return 'must be one line (no tab or line break)';
  return null;
}

const joinPath = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/**
 * Checks a parsed body or query before anything uses it: nesting depth, and characters that
 * are never text (control characters other than tab/CR/LF, lone surrogates) in keys and values.
 * Iterative, so a hostile nesting cannot exhaust the stack.
 */
export function unstorableTextErrors(
  value: unknown,
  { maxDepth = MAX_JSON_DEPTH, root = '' }: { maxDepth?: number; root?: string } = {},
): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: root, depth: 0 },
  ];
  while (pending.length > 0 && errors.length < 20) {
    const next = pending.pop()!;
    if (typeof next.value === 'string') {
      const problem = textProblem(next.value, true);
      if (problem) errors.push({ field: next.path || root, message: `${next.path} ${problem}` });
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= maxDepth) {
      errors.push({
        field: next.path || '(body)',
        message: `${next.path || 'The body'} is nested deeper than ${maxDepth} levels`,
      });
      continue;
    }
    for (const [key, child] of Object.entries(next.value)) {
      const path = joinPath(next.path, key);
      const keyProblem = textProblem(key, false);
      if (keyProblem) {
        errors.push({
          field: path,
          message: `The field name ${JSON.stringify(key)} ${keyProblem}`,
        });
        continue;
      }
      pending.push({ value: child, path, depth: next.depth + 1 });
    }
  }
  return errors;
}

/**
 * After validation and transformation: tab, CR and LF only in `@MultiLine()` properties of the
 * DTO instances (nested DTOs are instances too). Values outside DTOs (plain objects, params)
 * are one line.
 */
export function singleLineErrors(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: string; multiLine: boolean }[] = [
    { value, path: root, multiLine: false },
  ];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value === 'string') {
      const problem = textProblem(next.value, next.multiLine);
      if (problem) errors.push({ field: next.path, message: `${next.path} ${problem}` });
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    const owner = Object.getPrototypeOf(next.value) as object | null;
    const isArray = Array.isArray(next.value);
    for (const [key, child] of Object.entries(next.value)) {
      pending.push({
        value: child,
        path: joinPath(next.path, key),
        // An array's items share the array's own rule (e.g. lines of a multi-line list).
        multiLine: isArray ? next.multiLine : owner !== null && isMultiLine(owner, key),
      });
    }
  }
  return errors;
}
