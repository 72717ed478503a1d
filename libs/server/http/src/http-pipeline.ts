import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '@rr/server/config';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { AllExceptionsFilter, bodyParserError } from './all-exceptions.filter';
import { requestContextMiddleware } from './request-context.middleware';

/**
 * The request pipeline every HTTP app of ours runs: the API itself and the feature test apps, so a
 * feature's HTTP tests see exactly the production parsing, errors, headers and request context.
 * Create the Nest app with `bodyParser: false` before calling this.
 */
export function configureHttpPipeline(app: INestApplication, config: AppConfig): void {
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new AllExceptionsFilter());
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  http.set('trust proxy', 'loopback');

  app.use(requestContextMiddleware);
  if (config.logLevel !== 'silent') {
    const logger = pino({ level: config.logLevel });
    app.use(
      pinoHttp({
        logger,
        genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
        // One short line per request; never cookies, tokens or bodies.
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      }),
    );
  }
  // Swagger UI needs inline scripts; every other route gets helmet's strict defaults.
  const strict = helmet();
  const docs = helmet({ contentSecurityPolicy: false });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next),
  );
  app.use(cookieParser());
  app.use(express.json({ limit: config.api.bodyLimit, strict: true }));
  app.use(express.text({ type: ['text/csv', 'text/plain'], limit: '5mb' }));
  // Body-parser failures become coded errors here, before Nest would turn them into bare 400s.
  app.use((err: unknown, _req: express.Request, _res: express.Response, next: express.NextFunction) => next(bodyParserError(err)));
}
