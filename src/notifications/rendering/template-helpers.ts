import type { HelperOptions } from 'handlebars';
import { BUSINESS_TIME_ZONE } from '../../common/time/business-date';
import { isLocale, type Locale } from '../../common/locale';

/**
 * Handlebars helpers available to every mail template. The recipient's locale reaches them as
 * the `@locale` data variable (set by MailRenderer), so templates need not pass it.
 */

const FEN_PER_YUAN = 100;

/** Integer fen → "¥1,234.56"; anything but an integer is a caller bug, so it throws. */
export function formatYuan(fen: unknown): string {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) {
    throw new Error(`yuan expects an integer amount in fen, got ${JSON.stringify(fen)}`);
  }
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN).toLocaleString('en-US');
  const cents = String(abs % FEN_PER_YUAN).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

const dateTimeFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO-8601 instant → "YYYY-MM-DD HH:mm" in Beijing time (the templates say so). */
export function formatBeijingDateTime(instant: unknown): string {
  const date = typeof instant === 'string' || instant instanceof Date ? new Date(instant) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new Error(`datetime expects an ISO-8601 instant, got ${JSON.stringify(instant)}`);
  }
  const parts = Object.fromEntries(
    dateTimeFormatter.formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Words for codes that callers pass through (carrier, support request type), per locale. */
export const LABELS: Record<string, Record<string, Record<Locale, string>>> = {
  carrier: {
    yunda: { 'zh-CN': '韵达快递', en: 'Yunda Express' },
    sf_freight_collect: { 'zh-CN': '顺丰速运（到付）', en: 'SF Express (freight collect)' },
  },
  deliveryMethod: {
    email: { 'zh-CN': '电子发票，发送到邮箱', en: 'Digital fapiao by email' },
    yunda: { 'zh-CN': '纸质发票，韵达快递', en: 'Paper fapiao by Yunda Express' },
    sf_freight_collect: {
      'zh-CN': '纸质发票，顺丰速运（到付）',
      en: 'Paper fapiao by SF Express (freight collect)',
    },
    pickup: {
      'zh-CN': '纸质发票，到上海分公司自取',
      en: 'Paper fapiao, picked up at the Shanghai branch',
    },
  },
  requestType: {
    split: { 'zh-CN': '拆分发票', en: 'Split a bill into several fapiao' },
    retitle: { 'zh-CN': '更改发票抬头', en: 'Change the title of an issued fapiao' },
    not_received: { 'zh-CN': '未收到发票', en: 'Fapiao not received' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
  redLetterReason: {
    '01': { 'zh-CN': '开票有误', en: 'Wrong issue' },
    '02': { 'zh-CN': '销货退回', en: 'Returned goods' },
    '03': { 'zh-CN': '服务中止', en: 'Service stopped' },
    '04': { 'zh-CN': '销售折让', en: 'Sales discount' },
  },
};

function localeOf(options: HelperOptions): Locale {
  const locale: unknown = options.data?.locale;
  if (!isLocale(locale)) throw new Error('Mail helpers need the @locale data variable');
  return locale;
}

/** `{{label "carrier" carrier}}`: the localized word for a code, or the code itself if unknown. */
export function label(kind: string, code: unknown, options: HelperOptions): string {
  const text = String(code);
  return LABELS[kind]?.[text]?.[localeOf(options)] ?? text;
}

/** `{{#if (eq @locale "en")}}`: partials shared by both locales pick their words with it. */
export function eq(left: unknown, right: unknown): boolean {
  return left === right;
}
