// 車庫窓口: key handover with legal alcohol checks, driving log, detector register, no-shows, damage.
export * from './garage.module';
