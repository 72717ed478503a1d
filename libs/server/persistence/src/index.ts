export * from './data-source';
export * from './transaction-host';
export * from './persistence.module';
export * from './entities/organisation.entity';
export * from './entities/session.entity';
export * from './entities/audit-log.entity';
export * from './entities/calendar.entity';
export * from './entities/worker-heartbeat.entity';
