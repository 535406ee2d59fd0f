import type { Locale } from '../../common/locale';
import { en } from './messages.en';
import { PortalMessageKey, zhCN } from './messages.zh-CN';

const CATALOGUES: Record<Locale, Record<PortalMessageKey, string>> = { 'zh-CN': zhCN, en };

export type { PortalMessageKey };

export function isMessageKey(key: string): key is PortalMessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
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
  return CATALOGUES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
