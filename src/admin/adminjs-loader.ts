import type * as AdminJSModule from 'adminjs' with { 'resolution-mode': 'import' };
import type * as AdminJSNestModule from '@adminjs/nestjs' with { 'resolution-mode': 'import' };
import type * as AdminJSTypeormModule from '@adminjs/typeorm' with { 'resolution-mode': 'import' };
import { ComponentMode, prepareComponentEnvironment } from './admin-components';

export interface AdminJsPackages {
  AdminJS: typeof AdminJSModule.default;
  ComponentLoader: typeof AdminJSModule.ComponentLoader;
  nest: typeof AdminJSNestModule;
  typeorm: typeof AdminJSTypeormModule;
  /** How the custom components are served (decided before AdminJS was imported). */
  components: ComponentMode;
}

let loaded: Promise<AdminJsPackages> | undefined;

/**
 * AdminJS and its adapters are ESM-only; this CommonJS app loads them with `import()`, one after
 * another (loading them in parallel breaks under jest's module registry). They are loaded only
 * when the back office is enabled, so a service without it never pays their start-up cost.
 */
export function loadAdminJs(): Promise<AdminJsPackages> {
  loaded ??= (async () => {
    // AdminJS reads ADMIN_JS_TMP_DIR / ADMIN_JS_SKIP_BUNDLE when its modules load.
    const components = prepareComponentEnvironment();
    const adminjs = await import('adminjs');
    const typeorm = await import('@adminjs/typeorm');
    const nest = await import('@adminjs/nestjs');
    const AdminJS = adminjs.default;
    AdminJS.registerAdapter({ Database: typeorm.Database, Resource: typeorm.Resource });
    // @adminjs/nestjs always calls watch(), which starts a rollup watcher that bundles custom
    // components on every start and keeps the process (and jest) alive. Components are bundled
    // at build time instead (see scripts/bundle-admin.js).
    AdminJS.prototype.watch = () => Promise.resolve(undefined);
    return { AdminJS, ComponentLoader: adminjs.ComponentLoader, nest, typeorm, components };
  })();
  return loaded;
}
