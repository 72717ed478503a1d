export * from './request-context';
export * from './auth.decorators';
export * from './zod-validation';
export * from './all-exceptions.filter';
export * from './api-zod.decorators';
export * from './request-context.middleware';
export * from './http-pipeline';
export * from './id-param.pipe';
