import {
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { CommonErrorCode, ProblemException } from '../common/errors/problem.exception';
import { ADMIN_JS_LOADER, AdminJsLoader } from './adminjs-loader';
import { mountBeforeBodyParsers } from './back-office-mount';
import { ADMIN_ROOT_PATH, BackOfficeRouterBuilder } from './back-office-router';
import { BackOfficeStatus } from './back-office-status';

const logger = new Logger('BackOffice');

function backOfficeUnavailable(): ProblemException {
  return new ProblemException(
    HttpStatus.SERVICE_UNAVAILABLE,
    CommonErrorCode.SERVICE_UNAVAILABLE,
    'The back office could not be loaded at start-up (the cause is in the server log); ' +
      'the API is not affected. Restart the service once the cause is fixed.',
  );
}

/**
 * Keeps AdminJS off the start-up path. Importing it takes longer than starting the rest of the
 * app, so /admin is mounted at init as a gate, and AdminJS is loaded once the app has started:
 * requests that arrive meanwhile wait for it; if it fails, they get a 503 problem.
 */
@Injectable()
export class BackOfficeGate implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  /** Resolves to the AdminJS router, or to undefined if loading failed; never rejects. */
  private loading?: Promise<RequestHandler | undefined>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ADMIN_JS_LOADER) private readonly loadAdminJs: AdminJsLoader,
    private readonly routerBuilder: BackOfficeRouterBuilder,
    private readonly status: BackOfficeStatus,
  ) {}

  /** Mounted during init, so that it sits before the body parsers like AdminJS's own router. */
  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    const handle = (req: Request, res: Response, next: NextFunction) => this.handle(req, res, next);
    mountBeforeBodyParsers(app, ADMIN_ROOT_PATH, function backOffice(req, res, next) {
      handle(req, res, next);
    });
  }

  /** Starts loading without waiting for it: the app listens (and /health answers) meanwhile. */
  onApplicationBootstrap(): void {
    void this.routerWhenLoaded();
  }

  /**
   * An `import()` cannot be cancelled: closing waits for it to settle, so that nothing is still
   * importing once the process (or a jest environment) is being torn down.
   */
  async onModuleDestroy(): Promise<void> {
    await this.loading;
  }

  private routerWhenLoaded(): Promise<RequestHandler | undefined> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<RequestHandler | undefined> {
    const started = performance.now();
    try {
      const router = this.routerBuilder.build(await this.loadAdminJs());
      this.status.state = 'ready';
      logger.log(
        `Ready at ${ADMIN_ROOT_PATH}, loaded in ${Math.round(performance.now() - started)} ms`,
      );
      return router;
    } catch (error) {
      this.status.state = 'failed';
      logger.error(
        `Loading AdminJS failed; ${ADMIN_ROOT_PATH} answers 503 until a restart: ${String(error)}`,
        error instanceof Error ? error.stack : undefined,
      );
      return undefined;
    }
  }

  private handle(req: Request, res: Response, next: NextFunction): void {
    this.routerWhenLoaded().then(
      (router) => (router ? router(req, res, next) : next(backOfficeUnavailable())),
      next,
    );
  }
}
