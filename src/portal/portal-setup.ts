import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../config/app-config';
import { PortalHttpPipeline } from './http/portal-http.pipeline';
import { installPortalViews } from './http/portal-views';

/** The portal's views and its request pipeline (after the body parsers, before the routes). */
export function installPortal(app: NestExpressApplication, config: AppConfig): void {
  installPortalViews(app, config.nodeEnv !== 'development');
  app.use(app.get(PortalHttpPipeline).handler);
}
