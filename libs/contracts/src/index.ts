// Browser-safe: request/response schemas shared by api, worker and web. Depends only on zod and @rr/domain.
export * from './error-messages';
export * from './auth.contract';
export * from './organisation.contract';
export * from './audit.contract';
export * from './health.contract';
export * from './calendar.contract';
export * from './notifications.contract';
export * from './cars.contract';
export * from './rooms.contract';
export * from './car-lottery.contract';
export * from './room-lottery.contract';
export * from './garage.contract';
export * from './ac-requests.contract';
