/**
 * Money as staff read and type it: yuan with two decimals ("¥1,288.00"), stored as integer fen.
 * Parsing is done on the digits, never through floating point.
 */

/** Digits with optional thousands separators, then at most two decimals. */
const YUAN = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$/;
const HUNDRED = BigInt(100);

/**
 * Fen from yuan typed by staff: "1288", "1,288.00", "¥1288.5" (a leading ¥ or ￥ and spaces
 * around are allowed); undefined for anything else (a third decimal, a sign, an exponent, a
 * misplaced separator, more than JavaScript can count exactly).
 */
export function parseYuan(text: string): number | undefined {
  const cleaned = text.trim().replace(/^[¥￥]\s*/, '');
  if (!YUAN.test(cleaned)) return undefined;
  const [whole, fraction = ''] = cleaned.replace(/,/g, '').split('.');
  const fen = BigInt(whole) * HUNDRED + BigInt(fraction.padEnd(2, '0'));
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : undefined;
}

/** "¥1,288.00" for 128800 fen; "-¥72.50" for a red-letter (negative) amount. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = BigInt(Math.abs(Math.trunc(fen)));
  const whole = (abs / HUNDRED).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % HUNDRED).toString().padStart(2, '0');
  return `${sign}¥${whole}.${cents}`;
}

/** "1288.00" for 128800 fen: the plain decimal a spreadsheet reads as a number. */
export function yuanDecimal(fen: number): string {
  return formatYuan(fen).replace('¥', '').replace(/,/g, '');
}
