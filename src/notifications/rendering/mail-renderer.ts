import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, type Locale } from '../../common/locale';
import { CUSTOMER_SERVICE_PHONE, type MailContext, type MailTemplateName } from '../mail-catalogue';
import { MAIL_TEMPLATE_NAMES, isMailTemplateName } from '../mail-template-names';
import { MailTemplateError } from '../notifications.exception';
import { collectFieldUsage, requiredFields, type FieldUsage } from './required-fields';
import { findMailTemplateDirectory } from './template-directory';
import { eq, formatBeijingDateTime, formatYuan, label } from './template-helpers';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** The three files every mail has per locale: `<locale>.subject.hbs`, `.html.hbs`, `.text.hbs`. */
export const MAIL_PARTS = ['subject', 'html', 'text'] as const;
type MailPart = (typeof MAIL_PARTS)[number];

/** Folders under templates/mail that hold shared pieces rather than a mail. */
export const LAYOUT_FOLDER = '_layout';
export const PARTIALS_FOLDER = '_partials';

type Template = Handlebars.TemplateDelegate;
type CompiledMail = Record<Locale, Record<MailPart, Template>>;

const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing'];

/**
 * Compiles every mail of the catalogue, in every locale, once (at start-up: a missing file fails
 * the boot, not a customer's request), and renders them. HTML parts escape; subject and text
 * parts do not (they are not HTML). Each part is wrapped in the locale's layout.
 */
@Injectable()
export class MailRenderer {
  private readonly html = Handlebars.create();
  private readonly plain = Handlebars.create();
  private readonly mails = new Map<MailTemplateName, CompiledMail>();
  private readonly required = new Map<MailTemplateName, string[]>();
  private readonly layouts = {} as Record<Locale, Record<'html' | 'text', Template>>;

  constructor(readonly directory: string = findMailTemplateDirectory()) {
    this.registerHelpers();
    this.registerPartials();
    for (const locale of LOCALES) {
      this.layouts[locale] = {
        html: this.compile(join(LAYOUT_FOLDER, `${locale}.html.hbs`), 'html'),
        text: this.compile(join(LAYOUT_FOLDER, `${locale}.text.hbs`), 'text'),
      };
    }
    for (const name of MAIL_TEMPLATE_NAMES) this.compileMail(name);
  }

  /** Context fields the template cannot render without. */
  requiredFieldsOf(name: MailTemplateName): readonly string[] {
    return this.required.get(name) ?? [];
  }

  /** The mail, each part wrapped in the locale's layout. */
  render<T extends MailTemplateName>(
    name: T,
    locale: Locale,
    context: MailContext<T>,
  ): RenderedMail {
    const { subject, html, text, options } = this.renderParts(name, locale, context);
    try {
      const layout = { subject, supportPhone: CUSTOMER_SERVICE_PHONE };
      return {
        subject,
        html: this.layouts[locale].html(
          { ...layout, body: new this.html.SafeString(html) },
          options,
        ),
        text: this.layouts[locale].text({ ...layout, body: text.trim() }, options),
      };
    } catch (error) {
      throw new MailTemplateError(
        `Mail template "${name}" (${locale}) failed to render: ${(error as Error).message}`,
      );
    }
  }

  /**
   * Fails exactly as `render` would on this context and returns the subject, without wrapping
   * the parts in the layout: the layout's own fields come from the renderer, never from the
   * context, so it cannot fail where the parts did not. For enqueueing, on every write that mails.
   */
  check<T extends MailTemplateName>(
    name: T,
    locale: Locale,
    context: MailContext<T>,
  ): { subject: string } {
    return { subject: this.renderParts(name, locale, context).subject };
  }

  private renderParts<T extends MailTemplateName>(
    name: T,
    locale: Locale,
    context: MailContext<T>,
  ) {
    if (!isMailTemplateName(name)) {
      throw new MailTemplateError(`Unknown mail template "${String(name)}"`);
    }
    const compiled = this.mails.get(name);
    const parts = compiled?.[locale];
    if (!parts) {
      throw new MailTemplateError(`Mail template "${name}" has no locale "${String(locale)}"`);
    }
    if (typeof context !== 'object' || context === null) {
      throw new MailTemplateError(`Mail template "${name}" needs a context object`);
    }
    const values = context as Record<string, unknown>;
    const missing = this.requiredFieldsOf(name).filter(
      (field) => values[field] === undefined || values[field] === null,
    );
    if (missing.length > 0) {
      throw new MailTemplateError(
        `Mail template "${name}" needs the context field(s) ${missing.map((f) => `"${f}"`).join(', ')}, which are missing`,
      );
    }
    try {
      const options = { data: { locale, supportPhone: CUSTOMER_SERVICE_PHONE } };
      return {
        subject: parts.subject(context, options).replace(/\s+/g, ' ').trim(),
        html: parts.html(context, options),
        text: parts.text(context, options),
        options,
      };
    } catch (error) {
      throw new MailTemplateError(
        `Mail template "${name}" (${locale}) failed to render: ${(error as Error).message}`,
      );
    }
  }

  private compileMail(name: MailTemplateName): void {
    const usage: FieldUsage = { used: new Set(), optional: new Set() };
    const helpers = new Set([...BUILT_IN_HELPERS, ...Object.keys(this.html.helpers)]);
    const compiled = {} as CompiledMail;
    for (const locale of LOCALES) {
      compiled[locale] = {} as Record<MailPart, Template>;
      for (const part of MAIL_PARTS) {
        const file = join(name, `${locale}.${part}.hbs`);
        compiled[locale][part] = this.compile(file, part === 'html' ? 'html' : 'text');
        collectFieldUsage(this.html.parse(this.read(file)), helpers, usage);
      }
    }
    this.mails.set(name, compiled);
    this.required.set(name, requiredFields(usage));
  }

  private compile(file: string, kind: 'html' | 'text'): Template {
    const source = this.read(file);
    const engine = kind === 'html' ? this.html : this.plain;
    this.checkSyntax(file, source);
    // strict: a missing `{{field}}` (also inside `#each` items) throws instead of rendering "".
    return engine.compile(source, { strict: true, noEscape: kind === 'text' });
  }

  /** Handlebars compiles lazily; parsing now makes a syntax error fail the start-up. */
  private checkSyntax(file: string, source: string): void {
    try {
      this.html.parse(source);
    } catch (error) {
      throw new MailTemplateError(`${file}: ${(error as Error).message}`);
    }
  }

  private read(file: string): string {
    const path = join(this.directory, file);
    if (!existsSync(path)) throw new MailTemplateError(`Mail template file missing: ${path}`);
    return readFileSync(path, 'utf8');
  }

  private registerHelpers(): void {
    for (const engine of [this.html, this.plain]) {
      engine.registerHelper({ yuan: formatYuan, datetime: formatBeijingDateTime, label, eq });
    }
    // Staff-written text (reasons, notices, resolutions) keeps its line breaks in HTML.
    this.html.registerHelper(
      'multiline',
      (text: unknown) =>
        new this.html.SafeString(
          this.html.Utils.escapeExpression(String(text)).replace(/\r?\n/g, '<br>\n'),
        ),
    );
    this.plain.registerHelper('multiline', (text: unknown) => String(text));
  }

  /** `_partials/<name>.html.hbs` and `<name>.text.hbs` become partial `<name>` of each kind. */
  private registerPartials(): void {
    const folder = join(this.directory, PARTIALS_FOLDER);
    if (!existsSync(folder)) return;
    for (const file of readdirSync(folder)) {
      const match = /^(.+)\.(html|text)\.hbs$/.exec(file);
      if (!match) continue;
      const engine = match[2] === 'html' ? this.html : this.plain;
      const source = readFileSync(join(folder, file), 'utf8');
      this.checkSyntax(join(PARTIALS_FOLDER, file), source);
      engine.registerPartial(match[1], source);
    }
  }
}
