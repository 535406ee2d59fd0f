import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

/** The boundary rules alone (module-boundaries.config.mjs), without type information. */
async function boundaryLinter(): Promise<ESLint> {
  const { moduleBoundaries } = (await import(join(ROOT, 'module-boundaries.config.mjs'))) as {
    moduleBoundaries: ESLint.Options['overrideConfig'];
  };
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: moduleBoundaries });
}

async function problemsOf(linter: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.ruleId!);
}

describe('module boundaries (lint)', () => {
  let linter: ESLint;

  beforeAll(async () => {
    linter = await boundaryLinter();
  });

  it.each([
    ['src/fapiao/applications/x.ts', "import { Order } from '../../orders/entities/order.entity';"],
    [
      'src/admin/dashboard/x.ts',
      "import { FapiaoApplication } from '../../fapiao/applications/entities/fapiao-application.entity';",
    ],
    [
      'src/orders/x.ts',
      "import { ApplicationsRepository } from '../fapiao/applications/applications.repository';",
    ],
    [
      'src/portal/journey/deep/x.ts',
      "import { MailOutboxEntry } from '../../../notifications/entities/mail-outbox-entry.entity';",
    ],
  ])("refuses %s importing another module's entity or repository", async (file, code) => {
    expect(await problemsOf(linter, file, `${code}\nexport const used = [0];\n`)).toEqual([RULE]);
  });

  it.each([
    [
      'src/fapiao/support/x.ts',
      "import { FapiaoApplication } from '../applications/entities/fapiao-application.entity';",
    ],
    [
      'src/orders/billing-records/x.ts',
      "import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';",
    ],
    ['src/fapiao/x.ts', "import type { Order } from '../orders/entities/order.entity';"],
    ['src/admin/resources/x.ts', "import { Order } from '../../orders/entities/order.entity';"],
  ])('allows %s (own module, a service, a type, an AdminJS resource)', async (file, code) => {
    expect(await problemsOf(linter, file, `${code}\nexport const used = [0];\n`)).toEqual([]);
  });

  it('finds no violation in src', async () => {
    const results = await linter.lintFiles(['src/**/*.ts']);
    const violations = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === RULE)
        .map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line} ${m.message}`),
    );
    expect(violations).toEqual([]);
  }, 120_000);
});
