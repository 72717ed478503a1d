import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AllExceptionsFilter, bodyParserError } from '@rr/server/http';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { AppModule } from './app.module';
import { requestContextMiddleware } from './request-context.middleware';

/**
 * Builds the configured HTTP app (used by main.ts and by the HTTP/integration tests, so tests run
 * exactly what production runs).
 */
export async function createApiApp(options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, { bodyParser: false, logger: options.logger === false ? false : ['error', 'warn', 'log'] });
  const config = app.get<AppConfig>(APP_CONFIG);

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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('庁内リソース予約 API')
      .setDescription('Official cars (lottery), meeting spaces and after-hours AC. Cookie session + X-CSRF-Token on writes.')
      .setVersion('0.1.0')
      .addCookieAuth('rr_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  return app;
}

export async function listen(app: INestApplication, port: number): Promise<void> {
  await app.listen(port, '0.0.0.0');
  new Logger('Api').log(`API listening on http://localhost:${port}/api (docs at /api/docs)`);
}
