import { DynamicModule, INestApplication, Module, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, AppConfig, ConfigModule } from '@rr/server/config';
import { configureHttpPipeline } from '@rr/server/http';
import { PersistenceModule } from '@rr/server/persistence';
import { QueueModule } from '@rr/server/queue';

/**
 * For a feature lib's HTTP integration tests: the production request pipeline around only the
 * modules under test, on the real database. A feature cannot import the API app (the app imports
 * the feature: a project cycle), so pass what the test needs, e.g.
 * `createFeatureTestApp([AuditModule, IdentityModule, OrganisationModule])` — IdentityModule brings
 * the global auth guard.
 */
export async function createFeatureTestApp(features: NonNullable<ModuleMetadata['imports']>): Promise<INestApplication> {
  @Module({})
  class FeatureTestModule {}
  const root: DynamicModule = { module: FeatureTestModule, imports: [ConfigModule, PersistenceModule, QueueModule, ...features] };
  const app = await NestFactory.create(root, { bodyParser: false, logger: false });
  configureHttpPipeline(app, app.get<AppConfig>(APP_CONFIG));
  await app.init();
  return app;
}
