import type { Locale } from '../../common/locale';
import { journeyEn } from './journey.en';
import { journeyZhCN } from './journey.zh-CN';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';
import { redLetterEn } from './red-letter.en';
import { redLetterZhCN } from './red-letter.zh-CN';

const ZH_CN = { ...zhCN, ...journeyZhCN, ...redLetterZhCN };
export type PortalMessageKey = keyof typeof ZH_CN;

const CATALOGUES: Record<Locale, Record<PortalMessageKey, string>> = {
  'zh-CN': ZH_CN,
  en: { ...en, ...journeyEn, ...redLetterEn },
};

export function isMessageKey(key: string): key is PortalMessageKey {
  return Object.prototype.hasOwnProperty.call(ZH_CN, key);
}

/**
 * The text for `key` in `locale`, with `{name}` placeholders filled from `params`. An unknown key
 * is a programming error: it throws, so a raw key never reaches a page unnoticed.
 */
export function translate(
  locale: Locale,
  key: string,
  params: Record<string, unknown> = {},
): string {
  if (!isMessageKey(key)) throw new Error(`Unknown portal message key "${key}"`);
  const text = CATALOGUES[locale][key];
  // Most texts have no placeholder; a page renders a few hundred of them.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
