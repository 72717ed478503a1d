import { Module } from '@nestjs/common';
import { AcRequestsModule } from '@rr/server/ac-requests';
import { AuditModule } from '@rr/server/audit';
import { CalendarModule } from '@rr/server/calendar';
import { CarLotteryModule } from '@rr/server/car-lottery';
import { CarsModule } from '@rr/server/cars';
import { ConfigModule } from '@rr/server/config';
import { GarageModule } from '@rr/server/garage';
import { IdentityModule } from '@rr/server/identity';
import { NotificationsModule } from '@rr/server/notifications';
import { OrganisationModule } from '@rr/server/organisation';
import { PersistenceModule } from '@rr/server/persistence';
import { QueueModule } from '@rr/server/queue';
import { RoomsModule } from '@rr/server/rooms';
import { RoomLotteryModule } from '@rr/server/room-lottery';
import { HealthController } from './health/health.controller';
import { SystemController } from './system/system.controller';

/** Composition root of the HTTP API: wires feature modules; rules live in the features. */
@Module({
  imports: [ConfigModule, PersistenceModule, QueueModule, AuditModule, IdentityModule, OrganisationModule, CalendarModule, CarsModule, CarLotteryModule, RoomsModule, RoomLotteryModule, GarageModule, AcRequestsModule, NotificationsModule],
  controllers: [HealthController, SystemController],
})
export class AppModule {}
