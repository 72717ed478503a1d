export * from './job-map';
export * from './redis-connection';
export * from './queue.service';
export * from './job-handler';
export * from './queue.module';
