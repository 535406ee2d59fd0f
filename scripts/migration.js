#!/usr/bin/env node
// Runs the TypeORM migration CLI against the compiled DataSource (dist/), so no ts-node is needed.
// Usage: npm run migration:generate -- <Name> | npm run migration:run | npm run migration:revert
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const [command, name] = process.argv.slice(2);
const dataSource = join(__dirname, '..', 'dist', 'src', 'database', 'cli-data-source.js');
const commands = {
  generate: () => {
    if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      console.error(
        'Give the migration a PascalCase name: npm run migration:generate -- AddSomething',
      );
      process.exit(2);
    }
    return ['migration:generate', join('migrations', name), '-d', dataSource];
  },
  run: () => ['migration:run', '-d', dataSource],
  revert: () => ['migration:revert', '-d', dataSource],
};
if (!commands[command]) {
  console.error(`Unknown command "${command}". Use one of: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  [require.resolve('typeorm/cli.js'), ...commands[command]()],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
