export { createApiApp, listen } from './app.factory';
export { AppModule } from './app.module';
