import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { configureHttpPipeline } from '@rr/server/http';
import { AppModule } from './app.module';

/**
 * Builds the configured HTTP app (used by main.ts and by the HTTP/integration tests, so tests run
 * exactly what production runs).
 */
export async function createApiApp(options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, { bodyParser: false, logger: options.logger === false ? false : ['error', 'warn', 'log'] });
  configureHttpPipeline(app, app.get<AppConfig>(APP_CONFIG));

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
