import { Module, OnModuleInit } from '@nestjs/common';
import { CalendarModule } from '@rr/server/calendar';
import { CarBookingPolicies, CarsModule } from '@rr/server/cars';
import { NotificationsCoreModule } from '@rr/server/notifications';
import { AllocationRepository } from './allocation.repository';
import { CAR_LOTTERY_CLOCK, makeLotteryClock } from './car-lottery.clock';
import { LotteryPoolsController, LotteryRequestsController, LotteryRoundsController, LotteryVerifyController } from './car-lottery.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { LotteryFirstComePolicy } from './first-come.policy';
import { LotteryNotifier } from './lottery-notifier';
import { LotterySettingsService } from './lottery-settings.service';
import { PoolStateReader } from './pool-state.reader';
import { PriorityRepository } from './priority.repository';
import { PriorityReservationsService } from './priority-reservations.service';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';
import { RoundMachine } from './round-machine.service';
import { RoundsRepository } from './rounds.repository';
import { RoundsService } from './rounds.service';
import { DrawStep } from './steps/draw.step';
import { ReleaseStep } from './steps/release.step';
import { SimpleSteps } from './steps/simple-steps';
import { LotteryStreaksService } from './streaks.service';
import { VerificationService } from './verification.service';
import { WinsService } from './wins.service';

/**
 * The round state machine and what it needs, for the worker (tick and draw jobs) and the api (the
 * administrators' "advance"). No controllers, no dependency on the cars feature's services.
 */
@Module({
  imports: [CalendarModule, NotificationsCoreModule],
  providers: [
    { provide: CAR_LOTTERY_CLOCK, useFactory: makeLotteryClock },
    RoundsRepository,
    RequestsRepository,
    AllocationRepository,
    PoolStateReader,
    LotteryNotifier,
    SimpleSteps,
    DrawStep,
    ReleaseStep,
    RoundMachine,
    LotteryStreaksService,
  ],
  exports: [CAR_LOTTERY_CLOCK, RoundsRepository, RequestsRepository, AllocationRepository, RoundMachine, LotteryStreaksService],
})
export class CarLotteryCoreModule {}

/**
 * Car lottery rounds for the api (ADR 0010): rounds, requests, wins, priority reservations,
 * verification, dashboard, settings — and the first-come policy registered with the cars feature.
 */
@Module({
  imports: [CarsModule, CalendarModule, CarLotteryCoreModule],
  controllers: [LotteryRoundsController, LotteryRequestsController, LotteryPoolsController, LotteryVerifyController],
  providers: [
    RoundsService,
    RequestsService,
    WinsService,
    PriorityRepository,
    PriorityReservationsService,
    VerificationService,
    DashboardRepository,
    DashboardService,
    LotterySettingsService,
    LotteryFirstComePolicy,
  ],
  exports: [CarLotteryCoreModule, LotteryFirstComePolicy],
})
export class CarLotteryModule implements OnModuleInit {
  constructor(
    private readonly policies: CarBookingPolicies,
    private readonly firstCome: LotteryFirstComePolicy,
  ) {}

  onModuleInit(): void {
    if (!this.policies.registered.includes(this.firstCome.name)) this.policies.register(this.firstCome);
  }
}
