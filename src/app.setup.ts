import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { installBodyParsers } from './common/http/body-parsers';
import { answerClientErrorsWithProblems } from './common/http/client-errors';
import { documentProblemResponses } from './common/http/openapi-problems';
import { AppConfig } from './config/app-config';
import { installPortal } from './portal/portal-setup';

export const API_DOCS_PATH = 'api/docs';

/** Options for NestFactory.create / createNestApplication; body parsers are installed below. */
export const APPLICATION_OPTIONS = { bodyParser: false, bufferLogs: true } as const;

/** Everything about the HTTP application that is not a module: shared by main.ts and the tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by');

  const strict = helmet();
  // Swagger UI and AdminJS render with inline scripts and styles.
  const relaxed = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/admin') || req.path.startsWith(`/${API_DOCS_PATH}`) ? relaxed : strict)(
      req,
      res,
      next,
    ),
  );

  // After helmet: the back office mounts itself just before the parsers and gets its headers.
  installBodyParsers(app);
  installPortal(app, config);

  const document = documentProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Fapiao management system')
        .setDescription(
          'Customers apply for their VAT fapiao after paying; the payment platform pushes orders and payments. ' +
            'Errors are RFC 9457 problem details (application/problem+json) with a stable `code`. ' +
            'Amounts are integer fen; business dates are YYYY-MM-DD in Asia/Shanghai.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
  answerClientErrorsWithProblems(app.getHttpServer());
  app.enableShutdownHooks();
}
