import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Custom AdminJS components: name → file in src/admin/components/ (plain JSX, bundled by AdminJS). */
export const ADMIN_COMPONENTS = {
  Dashboard: 'Dashboard',
  ActionForm: 'ActionForm',
  OverdueBadge: 'OverdueBadge',
  DateOnlyValue: 'DateOnlyValue',
  DateOnlyEdit: 'DateOnlyEdit',
  DateOnlyFilter: 'DateOnlyFilter',
  BeijingTimeValue: 'BeijingTimeValue',
  BeijingTimeEdit: 'BeijingTimeEdit',
  YuanValue: 'YuanValue',
  ApplicationDetails: 'ApplicationDetails',
  SupportRequestDetails: 'SupportRequestDetails',
  ExportFinanceCsv: 'ExportFinanceCsv',
  DownloadFiles: 'DownloadFiles',
} as const;

const COMPONENT_FILES: Record<keyof typeof ADMIN_COMPONENTS, string> = {
  Dashboard: 'dashboard.jsx',
  ActionForm: 'action-form.jsx',
  OverdueBadge: 'overdue-badge.jsx',
  DateOnlyValue: 'date-only-value.jsx',
  DateOnlyEdit: 'date-only-edit.jsx',
  DateOnlyFilter: 'date-only-filter.jsx',
  BeijingTimeValue: 'beijing-time-value.jsx',
  BeijingTimeEdit: 'beijing-time-edit.jsx',
  YuanValue: 'yuan-value.jsx',
  ApplicationDetails: 'application-details.jsx',
  SupportRequestDetails: 'support-request-details.jsx',
  ExportFinanceCsv: 'export-finance-csv.jsx',
  DownloadFiles: 'download-files.jsx',
};

/**
 * Where the build puts the bundled components: `dist/adminjs-bundle` next to the compiled code
 * (this file runs from `dist/src/admin/`); no leading dot, because Express 5's `sendFile`
 * refuses dot-folders. Under jest (running from `src/admin/`) it is `<repo>/adminjs-bundle`.
 */
export const ADMIN_BUNDLE_DIR = join(__dirname, '..', '..', 'adminjs-bundle');
export const ADMIN_BUNDLE_FILE = join(ADMIN_BUNDLE_DIR, 'bundle.js');

/** The component sources, from `src/` (jest) or from `dist/src/` (the build script). */
export function componentSourceDir(): string | undefined {
  const candidates = [
    join(__dirname, 'components'),
    join(__dirname, '..', '..', '..', 'src', 'admin', 'components'),
  ];
  return candidates.find((dir) => existsSync(join(dir, COMPONENT_FILES.Dashboard)));
}

export function componentSources(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(COMPONENT_FILES).map(([name, file]) => [name, join(dir, file)]),
  );
}

export type ComponentMode =
  /** A bundle made at build time is served as is; nothing is bundled at start or on request. */
  | { kind: 'prebuilt' }
  /** No bundle but the sources are here (tests, development): AdminJS bundles on first request. */
  | { kind: 'on-request'; sources: Record<string, string> }
  /** Neither: the back office runs with AdminJS's own components only. */
  | { kind: 'none' };

/**
 * Decides how custom components reach the browser and sets the environment AdminJS reads when
 * its modules are first imported (so this must run before `import('adminjs')`).
 */
export function prepareComponentEnvironment(nodeEnv = process.env.NODE_ENV): ComponentMode {
  if (existsSync(ADMIN_BUNDLE_FILE)) {
    process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
    process.env.ADMIN_JS_TMP_DIR = ADMIN_BUNDLE_DIR;
    return { kind: 'prebuilt' };
  }
  const dir = componentSourceDir();
  // In production AdminJS would bundle at every start: never; run `npm run build` instead.
  if (!dir || nodeEnv === 'production') {
    process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
    return { kind: 'none' };
  }
  const sources = componentSources(dir);
  // Named after the sources' content: a bundle made from older sources is never served.
  const hash = createHash('sha256');
  // Every file of the folder: components import shared pieces that are not components themselves.
  for (const file of readdirSync(dir).sort())
    hash.update(file).update(readFileSync(join(dir, file)));
  process.env.ADMIN_JS_TMP_DIR = join(
    ADMIN_BUNDLE_DIR,
    `on-request-${hash.digest('hex').slice(0, 12)}`,
  );
  return { kind: 'on-request', sources };
}
