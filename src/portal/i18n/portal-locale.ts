import { DEFAULT_LOCALE, isLocale, Locale } from '../../common/locale';

/** The signed-out visitor's choice from the language switch (a cookie, read by every instance). */
export const LOCALE_COOKIE = 'fapiao_locale';

/**
 * The page's language: the signed-in account's locale wins; signed out, the switch's cookie,
 * else the first language of Accept-Language that the portal speaks, else zh-CN.
 */
export function resolveLocale(input: {
  accountLocale?: Locale;
  cookieHeader?: string;
  acceptLanguage?: string;
}): Locale {
  if (input.accountLocale) return input.accountLocale;
  const chosen = localeFromCookie(input.cookieHeader);
  if (chosen) return chosen;
  return localeFromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}

export function localeFromCookie(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== LOCALE_COOKIE) continue;
    const value = decodeURIComponent(part.slice(separator + 1).trim());
    return isLocale(value) ? value : undefined;
  }
  return undefined;
}

/** Languages in order of their q-values (RFC 9110 §12.5.4); the first the portal speaks. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((entry, index) => {
      const [tag, ...parameters] = entry.trim().toLowerCase().split(';');
      const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}
