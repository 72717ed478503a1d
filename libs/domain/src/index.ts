// Public face of the pure domain library: no Nest, no TypeORM, no I/O.
export * from './time/tokyo';
export * from './errors/app-error';
export * from './calendar';
export * from './lottery';
export * from './ac-extension';
export * from './garage';
