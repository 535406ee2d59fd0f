import type { NestExpressApplication } from '@nestjs/platform-express';
import type { HelperOptions } from 'handlebars';
import hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_LOCALE, isLocale, Locale } from '../../common/locale';
import { CUSTOMER_SERVICE_PHONE } from '../../notifications/mail-catalogue';
import { translate } from '../i18n/portal-i18n';

export const PORTAL_VIEWS_DIR = join(process.cwd(), 'templates', 'portal');
const PARTIALS_DIR = join(PORTAL_VIEWS_DIR, 'partials');

type PortalEngine = ReturnType<typeof hbs.create>;

const PHONE_ONLY = { phone: CUSTOMER_SERVICE_PHONE };

function withPhone(params: Record<string, unknown>): Record<string, unknown> {
  for (const _name in params) return { phone: CUSTOMER_SERVICE_PHONE, ...params };
  return PHONE_ONLY;
}

function localeOf(options: HelperOptions): Locale {
  const locale: unknown = (options.data as { root?: { locale?: unknown } }).root?.locale;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Handlebars helpers every portal view may use:
 * - `{{t "key" name=value}}`: a text in the page's language (`phone` is always filled in);
 * - `{{yuan amountFen}}`: integer fen as ¥1,288.00 (exact: whole fen only);
 * - `{{encode value}}`: a value inside a URL's query;
 * - `{{#if (eq a b)}}`, `{{#if (or a b)}}`, `{{#unless (not a)}}`;
 * - `{{otherLocale}}`: the language the switch offers.
 */
function registerHelpers(engine: PortalEngine): void {
  engine.registerHelper('t', function (this: unknown, key: string, options: HelperOptions) {
    const params = options.hash as Record<string, unknown>;
    return translate(localeOf(options), key, withPhone(params));
  });
  engine.registerHelper('yuan', (amountFen: unknown) => {
    const fen = Number(amountFen);
    if (!Number.isSafeInteger(fen)) return '';
    const sign = fen < 0 ? '-' : '';
    const abs = Math.abs(fen);
    return `${sign}¥${grouped.format(Math.trunc(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
  });
  engine.registerHelper('encode', (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? encodeURIComponent(value) : '',
  );
  engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  engine.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  engine.registerHelper('not', (value: unknown) => !value);
  engine.registerHelper('otherLocale', (options: HelperOptions) =>
    localeOf(options) === 'en' ? 'zh-CN' : 'en',
  );
}

/** Partials by their path under partials/ without `.hbs`: `partials/form/field.hbs` is `form/field`. */
function registerPartials(engine: PortalEngine, dir = PARTIALS_DIR): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      registerPartials(engine, path);
    } else if (entry.name.endsWith('.hbs')) {
      const name = relative(PARTIALS_DIR, path)
        .replace(/\.hbs$/, '')
        .split('\\')
        .join('/');
      engine.registerPartial(name, readFileSync(path, 'utf8'));
    }
  }
}

/**
 * Server-rendered pages: hbs over its own handlebars instance (the mail templates keep theirs),
 * views under templates/portal with `layout.hbs` around each page. Compiled views are cached
 * except in development, where an edited template shows on reload.
 */
export function installPortalViews(app: NestExpressApplication, cacheViews: boolean): void {
  const engine = hbs.create();
  registerHelpers(engine);
  registerPartials(engine);
  app.engine('hbs', engine.__express);
  app.setBaseViewsDir(PORTAL_VIEWS_DIR);
  app.setViewEngine('hbs');
  app.set('view cache', cacheViews);
}
