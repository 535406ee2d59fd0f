import type { Locale } from '../../common/locale';

/** The language of a request without login: English when Accept-Language prefers it. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
