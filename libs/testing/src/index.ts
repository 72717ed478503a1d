export * from './factories';
export * from './http-client';
