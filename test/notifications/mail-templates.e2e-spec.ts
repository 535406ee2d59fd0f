import Handlebars from 'handlebars';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES } from '../../src/common/locale';
import { MAIL_TEMPLATE_NAMES } from '../../src/notifications/mail-template-names';
import { MailTemplateError } from '../../src/notifications/notifications.exception';
import {
  LAYOUT_FOLDER,
  MAIL_PARTS,
  MailRenderer,
  PARTIALS_FOLDER,
} from '../../src/notifications/rendering/mail-renderer';
import { findMailTemplateDirectory } from '../../src/notifications/rendering/template-directory';
import { MAIL_SAMPLES } from './mail-samples';

const directory = findMailTemplateDirectory();
const mailFolders = readdirSync(directory, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && ![LAYOUT_FOLDER, PARTIALS_FOLDER].includes(entry.name))
  .map((entry) => entry.name)
  .sort();
const expectedFiles = LOCALES.flatMap((locale) =>
  MAIL_PARTS.map((p) => `${locale}.${p}.hbs`),
).sort();
const renderer = new MailRenderer(directory);

describe('mail templates', () => {
  it('has exactly one folder per mail of the catalogue', () => {
    expect(mailFolders).toEqual([...MAIL_TEMPLATE_NAMES].sort());
  });

  it.each(mailFolders)(
    '%s has a subject, HTML and text part in every locale, and nothing else',
    (name) => {
      expect(readdirSync(join(directory, name)).sort()).toEqual(expectedFiles);
    },
  );

  describe.each(MAIL_TEMPLATE_NAMES)('%s', (name) => {
    it.each(LOCALES)('renders in %s with a sample context', (locale) => {
      const sample = MAIL_SAMPLES[name] as Record<string, unknown>;
      const mail = renderer.render(name, locale, sample as never);

      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.subject).not.toMatch(/\n|undefined|\{\{/);
      expect(mail.html).toMatch(/^<!DOCTYPE html>/);
      expect(mail.html).toContain(`<html lang="${locale}">`);
      for (const part of [mail.subject, mail.html, mail.text]) {
        expect(part).not.toMatch(/undefined|null|\[object Object\]|\{\{|NaN/);
      }
      // Every link of the context reaches the reader in both parts, as a clickable href in HTML.
      for (const value of Object.values(sample)) {
        if (typeof value === 'string' && value.startsWith('http')) {
          expect(mail.text).toContain(value);
          expect(mail.html).toContain(`href="${Handlebars.Utils.escapeExpression(value)}"`);
        }
      }
      // The words are in the recipient's language.
      const chinese = /[\u4e00-\u9fff]/;
      if (locale === 'en') expect(mail.text.replace(/上海市.*|王女士.*/g, '')).not.toMatch(chinese);
      else expect(mail.text).toMatch(chinese);
      // The layout's footer is there.
      expect(mail.text).toContain('(86) 400-089-0365');
    });

    it('refuses a context missing a required field, naming the template and the field', () => {
      const sample = MAIL_SAMPLES[name] as Record<string, unknown>;
      for (const field of Object.keys(sample)) {
        const { [field]: _removed, ...incomplete } = sample;
        expect(() => renderer.render(name, 'zh-CN', incomplete as never)).toThrow(
          new MailTemplateError(
            `Mail template "${name}" needs the context field(s) "${field}", which are missing`,
          ),
        );
      }
    });
  });

  it('formats money, instants, codes and escapes HTML', () => {
    const issued = renderer.render('application-issued', 'en', MAIL_SAMPLES['application-issued']);
    expect(issued.text).toContain('Fapiao number 04400123, issued 2026-11-25, amount ¥1,000.00');
    expect(issued.text).toContain('amount ¥234.56');

    const activation = renderer.render(
      'account-activation',
      'zh-CN',
      MAIL_SAMPLES['account-activation'],
    );
    expect(activation.text).toContain('有效期至 2026-11-25 14:30（北京时间）');

    const mailed = renderer.render(
      'application-mailed-out',
      'zh-CN',
      MAIL_SAMPLES['application-mailed-out'],
    );
    expect(mailed.text).toContain('快递公司：顺丰速运（到付）');
    expect(mailed.text).toContain('运费由收件人支付');

    const rejected = renderer.render(
      'application-rejected',
      'en',
      MAIL_SAMPLES['application-rejected'],
    );
    expect(rejected.html).toContain('buyer &lt;name&gt;');
    expect(rejected.html).not.toContain('<name>');
    expect(rejected.text).toContain('buyer <name>.');

    const onHold = renderer.render(
      'application-on-hold',
      'en',
      MAIL_SAMPLES['application-on-hold'],
    );
    expect(onHold.html).toContain('used up.<br>\nNew stock');
  });

  // `check` is what enqueueing runs: it must refuse whatever `render` (sending) would.
  it.each(['render', 'check'] as const)(
    '%s refuses an unknown template, a missing item field and a bad amount',
    (method) => {
      const run = (name: string, locale: 'en' | 'zh-CN', context: unknown) =>
        renderer[method](name as never, locale, context as never);
      expect(() => run('no-such-mail', 'zh-CN', {})).toThrow(
        'Unknown mail template "no-such-mail"',
      );
      const noNumber = {
        ...MAIL_SAMPLES['application-issued'],
        documents: [{ issueDate: '2026-11-25', amountFen: 100 }],
      };
      expect(() => run('application-issued', 'en', noNumber)).toThrow(
        /Mail template "application-issued" \(en\) failed to render: "number" not defined/,
      );
      const floatAmount = { ...MAIL_SAMPLES['order-confirmation'], amountFen: 12.5 };
      expect(() => run('order-confirmation', 'en', floatAmount)).toThrow(
        /yuan expects an integer amount in fen, got 12.5/,
      );
    },
  );

  it('checks to the subject that sending renders', () => {
    for (const name of MAIL_TEMPLATE_NAMES) {
      for (const locale of LOCALES) {
        const context = MAIL_SAMPLES[name] as never;
        expect(renderer.check(name, locale, context).subject).toBe(
          renderer.render(name, locale, context).subject,
        );
      }
    }
  });
});
