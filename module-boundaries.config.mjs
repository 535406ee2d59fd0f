// Module boundaries (docs/architecture.md, "Module rules"): a module reaches another module's
// tables only through that module's exported services, so it never imports another module's
// entities or repositories. AdminJS resources bind entities for lists and filters (read-only).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const SRC = join(dirname(fileURLToPath(import.meta.url)), 'src');
const MODULES = readdirSync(SRC, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** Folders deep enough for every file under src/<module>/. */
const MAX_DEPTH = 6;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** For a file `depth` folders below src/: an import of another module's entity or repository. */
function foreignDataAccess(module, depth) {
  const up = depth === 0 ? '\\./' : `(\\.\\./){${depth}}`;
  return `^${up}(?!${escape(module)}/)[^./][^/]*/(.*/)?(entities(/.*)?|[^/]+\\.(entity|repository))$`;
}

export const moduleBoundaries = MODULES.flatMap((module) =>
  Array.from({ length: MAX_DEPTH }, (_, i) => ({
    files: [`src/${module}/${'*/'.repeat(i)}*.ts`],
    ignores: ['src/admin/resources/**'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: foreignDataAccess(module, i + 1),
              // A type says nothing about who reads the table.
              allowTypeImports: true,
              message:
                "Another module's entities and repositories are its own: call its exported service (with your EntityManager inside a transaction).",
            },
          ],
        },
      ],
    },
  })),
);
