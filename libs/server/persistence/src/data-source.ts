import { DataSource, DataSourceOptions } from 'typeorm';
import { AuditLogEntity } from './entities/audit-log.entity';
import { ClosedDayEntity } from './entities/calendar.entity';
import { CarBlockEntity, CarBookingEntity, CarBookingSettingsEntity, CarClassEntity, CarEntity, CarPoolEntity, DriverEntity, GarageEntity } from './entities/cars.entity';
import {
  CarLotteryDrawRecordEntity,
  CarLotteryPriorityReservationEntity,
  CarLotteryRequestEntity,
  CarLotteryRequestOptionEntity,
  CarLotteryRoundEntity,
  CarLotterySettingsEntity,
  CarLotteryWaitlistPassEntity,
  LotteryStreakEntity,
} from './entities/car-lottery.entity';
import { ApproverDeputyEntity, DepartmentEntity, SectionEntity, UserAbsenceEntity, UserEntity } from './entities/organisation.entity';
import {
  NotificationAttemptEntity,
  NotificationDeliveryEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  NotificationSettingsEntity,
} from './entities/notification.entity';
import { ReminderEntity } from './entities/notification-reminder.entity';
import { CalendarFeedTokenEntity, RoomAcNeedEntity, RoomBlockEntity, RoomBookingEntity, RoomEntity, RoomSeriesEntity, RoomSettingsEntity } from './entities/rooms.entity';
import { SessionEntity } from './entities/session.entity';
import { WorkerHeartbeatEntity } from './entities/worker-heartbeat.entity';
import { InitialOrganisationAuthAudit1795300000000 } from './migrations/1795300000000-InitialOrganisationAuthAudit';
import { AddNotifications1795300002000 } from './migrations/1795300002000-AddNotifications';
import { AddFleetDriversCarBookings1795300003000 } from './migrations/1795300003000-AddFleetDriversCarBookings';
import { AddCarLottery1795300004000 } from './migrations/1795300004000-AddCarLottery';
import { AddRooms1795300005000 } from './migrations/1795300005000-AddRooms';
import { AddGarageCounter1795300006000 } from './migrations/1795300006000-AddGarageCounter';
import { AddAcExtension1795300007000 } from './migrations/1795300007000-AddAcExtension';
import { AddRoomSeriesCheckIn1795300008000 } from './migrations/1795300008000-AddRoomSeriesCheckIn';
import { AcCancellation1795300010000 } from './migrations/1795300010000-AcCancellation';
import { AddRoomLottery1795300009000 } from './migrations/1795300009000-AddRoomLottery';
import { ROOM_LOTTERY_ENTITIES } from './entities/room-lottery.entity';
import { GARAGE_ENTITIES } from './entities/garage.entity';
import { AC_ENTITIES } from './entities/ac.entity';

/** Registered as classes, not globs, so the list is explicit and bundling works. */
export const ENTITIES = [
  DepartmentEntity,
  SectionEntity,
  UserEntity,
  ApproverDeputyEntity,
  UserAbsenceEntity,
  SessionEntity,
  AuditLogEntity,
  ClosedDayEntity,
  WorkerHeartbeatEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
  NotificationAttemptEntity,
  NotificationSettingsEntity,
  NotificationPreferenceEntity,
  ReminderEntity,
  GarageEntity,
  CarClassEntity,
  CarPoolEntity,
  CarEntity,
  CarBlockEntity,
  DriverEntity,
  CarBookingEntity,
  CarBookingSettingsEntity,
  CarLotterySettingsEntity,
  CarLotteryRoundEntity,
  CarLotteryRequestEntity,
  CarLotteryRequestOptionEntity,
  LotteryStreakEntity,
  CarLotteryDrawRecordEntity,
  CarLotteryWaitlistPassEntity,
  CarLotteryPriorityReservationEntity,
  RoomEntity,
  RoomBlockEntity,
  RoomBookingEntity,
  RoomSeriesEntity,
  RoomAcNeedEntity,
  RoomSettingsEntity,
  CalendarFeedTokenEntity,
  ...GARAGE_ENTITIES,
  ...AC_ENTITIES,
  ...ROOM_LOTTERY_ENTITIES,
];

/** In order. Never edit a migration after it lands; add a new one. */
export const MIGRATIONS = [InitialOrganisationAuthAudit1795300000000, AddNotifications1795300002000, AddFleetDriversCarBookings1795300003000, AddCarLottery1795300004000, AddRooms1795300005000, AddGarageCounter1795300006000, AddAcExtension1795300007000, AddRoomSeriesCheckIn1795300008000, AddRoomLottery1795300009000, AcCancellation1795300010000];

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'chonai-rr' },
  };
}

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}

/** Applies pending migrations, each in its own transaction. Returns the names applied. */
export async function migrate(url: string): Promise<string[]> {
  const ds = createDataSource(url, 2);
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
