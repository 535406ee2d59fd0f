import type * as AdminJSModule from 'adminjs' with { 'resolution-mode': 'import' };
import type * as AdminJSExpressModule from '@adminjs/express' with { 'resolution-mode': 'import' };
import type * as AdminJSTypeormModule from '@adminjs/typeorm' with { 'resolution-mode': 'import' };
import { ComponentMode, prepareComponentEnvironment } from './admin-components';

export interface AdminJsPackages {
  AdminJS: typeof AdminJSModule.default;
  ComponentLoader: typeof AdminJSModule.ComponentLoader;
  /** AdminJS's parsing of query keys, for the back office's query guard. */
  flat: typeof AdminJSModule.flat;
  Filter: typeof AdminJSModule.Filter;
  ValidationError: typeof AdminJSModule.ValidationError;
  express: typeof AdminJSExpressModule;
  typeorm: typeof AdminJSTypeormModule;
  /** How the custom components are served (decided before AdminJS was imported). */
  components: ComponentMode;
}

/** Loads the AdminJS packages; a provider (ADMIN_JS_LOADER) so tests can delay it or make it fail. */
export type AdminJsLoader = () => Promise<AdminJsPackages>;
export const ADMIN_JS_LOADER = Symbol('ADMIN_JS_LOADER');

let loaded: Promise<AdminJsPackages> | undefined;

/**
 * AdminJS and its adapters are ESM-only; this CommonJS app loads them with `import()`, one after
 * another (loading them in parallel breaks under jest's module registry). Importing them takes
 * longer than the rest of the start-up, so the back office loads them in the background after
 * the app has started (see BackOfficeGate), and only when it is enabled.
 */
export const loadAdminJs: AdminJsLoader = () => {
  loaded ??= (async () => {
    // AdminJS reads ADMIN_JS_TMP_DIR / ADMIN_JS_SKIP_BUNDLE when its modules load.
    const components = prepareComponentEnvironment();
    const adminjs = await import('adminjs');
    const typeorm = await import('@adminjs/typeorm');
    const express = await import('@adminjs/express');
    const AdminJS = adminjs.default;
    AdminJS.registerAdapter({ Database: typeorm.Database, Resource: typeorm.Resource });
    // watch() starts a rollup watcher that bundles custom components on every start and keeps
    // the process (and jest) alive. Nothing here calls it; disabled all the same so that no
    // AdminJS entry point can start it. Components are bundled at build time instead (see
    // scripts/bundle-admin.js).
    AdminJS.prototype.watch = () => Promise.resolve(undefined);
    return {
      AdminJS,
      ComponentLoader: adminjs.ComponentLoader,
      flat: adminjs.flat,
      Filter: adminjs.Filter,
      ValidationError: adminjs.ValidationError,
      express,
      typeorm,
      components,
    };
  })();
  return loaded;
};
