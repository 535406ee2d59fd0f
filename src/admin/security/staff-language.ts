import type { Request } from 'express';
import { DEFAULT_LOCALE, Locale } from '../../common/locale';

/**
 * The language of a back-office answer the server writes itself (a refusal before AdminJS runs):
 * English when the browser's first preference is English, zh-CN otherwise. The pages' own
 * language is the staff member's choice in AdminJS, kept in their browser, out of the server's view.
 */
export function staffLanguage(req: Request): Locale {
  const first = req.get('accept-language')?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

export type Bilingual = Record<Locale, string>;
