#!/usr/bin/env node
// Bundles the back office's custom AdminJS components (src/admin/components/*.jsx) at BUILD time
// into dist/adminjs-bundle/bundle.js, so the app never bundles at start: when that file exists,
// src/admin/admin-components.ts starts AdminJS with ADMIN_JS_SKIP_BUNDLE=true and
// ADMIN_JS_TMP_DIR=dist/adminjs-bundle (no leading dot: Express 5's sendFile refuses dot-folders).
// Runs after the TypeScript build (`npm run build`), from the compiled dist/.
'use strict';
const { existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');

async function main() {
  const started = Date.now();
  const compiled = join(__dirname, '..', 'dist', 'src', 'admin', 'admin-components.js');
  if (!existsSync(compiled))
    throw new Error(`${compiled} is missing: run the TypeScript build first`);
  const { ADMIN_BUNDLE_DIR, componentSourceDir, componentSources } = require(compiled);
  const sourceDir = componentSourceDir();
  if (!sourceDir) throw new Error('src/admin/components not found: nothing to bundle');

  // AdminJS reads these when its modules load: set them before importing it.
  process.env.NODE_ENV = 'production';
  process.env.ADMIN_JS_TMP_DIR = ADMIN_BUNDLE_DIR;
  delete process.env.ADMIN_JS_SKIP_BUNDLE;
  rmSync(ADMIN_BUNDLE_DIR, { recursive: true, force: true });

  const { default: AdminJS, ComponentLoader } = await import('adminjs');
  const componentLoader = new ComponentLoader();
  for (const [name, file] of Object.entries(componentSources(sourceDir))) {
    componentLoader.add(name, file);
  }
  // Silence AdminJS's "bundling user components..." line; report once below instead.
  const log = console.log;
  console.log = () => {};
  try {
    await new AdminJS({ componentLoader }).initialize();
  } finally {
    console.log = log;
  }
  const bundle = join(ADMIN_BUNDLE_DIR, 'bundle.js');
  if (!existsSync(bundle)) throw new Error(`AdminJS did not write ${bundle}`);
  console.log(`Back-office components bundled into ${bundle} in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error('Bundling the back-office components failed:', error);
  process.exit(1);
});
