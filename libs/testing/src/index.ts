export * from './factories';
export * from './http-client';
export * from './oidc-provider';
export * from './feature-test-app';
export * from './car-fixtures';
