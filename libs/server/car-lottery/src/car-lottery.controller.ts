import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createLotteryRequestSchema,
  createLotteryRoundSchema,
  createPriorityReservationSchema,
  LotteryAdvanceResult,
  LotteryDashboard,
  LotteryPosition,
  LotteryRequest,
  LotteryRound,
  lotteryRoundsQuerySchema,
  LotterySettings,
  LotteryTicketTable,
  LotteryVerifyResult,
  LotteryWaitlist,
  Page,
  PriorityReservation,
  reorderLotteryRequestsSchema,
  setExternalValueSchema,
  updateLotteryRequestSchema,
  updateLotterySettingsSchema,
} from '@rr/contracts';
import type { DrawRecord } from '@rr/domain';
import { ApiZodBody, ApiZodQuery, IdParamPipe, PatchBodyPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { LotteryErrors } from './car-lottery.errors';
import { DashboardService } from './dashboard.service';
import { LotterySettingsService } from './lottery-settings.service';
import { PriorityReservationsService } from './priority-reservations.service';
import { RequestsService } from './requests.service';
import { RoundsService } from './rounds.service';
import { VerificationService } from './verification.service';
import { WinsService } from './wins.service';

const roundId = () => new IdParamPipe(LotteryErrors.roundNotFound);
const requestId = () => new IdParamPipe(LotteryErrors.requestNotFound);
const poolId = () => new IdParamPipe(LotteryErrors.poolNotFound);
const mineQuery = z.strictObject({ includeWithdrawn: z.enum(['true', 'false']).transform((v) => v === 'true').default(false) });

/** Rounds: schedule, evidence, requests of the caller, priority reservations, dashboard (ADR 0010). */
@ApiTags('car-lottery')
@Controller('lottery/rounds')
export class LotteryRoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly requests: RequestsService,
    private readonly verification: VerificationService,
    private readonly dashboard: DashboardService,
    private readonly priority: PriorityReservationsService,
  ) {}

  @Get()
  @SignedIn()
  @ApiZodQuery(lotteryRoundsQuerySchema)
  list(@Query(new ZodPipe(lotteryRoundsQuerySchema)) query: z.output<typeof lotteryRoundsQuerySchema>): Promise<Page<LotteryRound>> {
    return this.rounds.list(query);
  }

  @Post()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(createLotteryRoundSchema)
  create(@Body(new ZodPipe(createLotteryRoundSchema)) body: z.output<typeof createLotteryRoundSchema>): Promise<LotteryRound> {
    return this.rounds.create(body);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', roundId()) id: string): Promise<LotteryRound> {
    return this.rounds.get(id);
  }

  /** 外部乱数値: once, before the draw. */
  @Put(':id/external-value')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(setExternalValueSchema)
  setExternalValue(@Param('id', roundId()) id: string, @Body(new ZodPipe(setExternalValueSchema)) body: z.output<typeof setExternalValueSchema>): Promise<LotteryRound> {
    return this.rounds.setExternalValue(id, body.value);
  }

  /** Runs the steps due now (what the worker's tick would do). */
  @Post(':id/advance')
  @Roles('garage_admin', 'sysadmin')
  @HttpCode(200)
  advance(@Param('id', roundId()) id: string): Promise<LotteryAdvanceResult> {
    return this.rounds.advance(id);
  }

  /** The draw record as JSON (docs/lottery.md §9); `npm run lottery:verify -- <file>` re-runs it. */
  @Get(':id/record')
  @SignedIn()
  record(@Param('id', roundId()) id: string): Promise<DrawRecord> {
    return this.verification.record(id);
  }

  @Get(':id/tickets')
  @SignedIn()
  tickets(@Param('id', roundId()) id: string): Promise<LotteryTicketTable> {
    return this.verification.tickets(id);
  }

  @Get(':id/my-position')
  @SignedIn()
  myPosition(@Param('id', roundId()) id: string): Promise<LotteryPosition> {
    return this.verification.myPosition(id);
  }

  @Get(':id/waitlist')
  @SignedIn()
  waitlist(@Param('id', roundId()) id: string): Promise<LotteryWaitlist> {
    return this.verification.waitlist(id);
  }

  @Get(':id/dashboard')
  @Roles('garage_admin', 'sysadmin')
  dashboardOf(@Param('id', roundId()) id: string): Promise<LotteryDashboard> {
    return this.dashboard.get(id);
  }

  @Get(':id/requests/mine')
  @SignedIn()
  @ApiZodQuery(mineQuery)
  mine(@Param('id', roundId()) id: string, @Query(new ZodPipe(mineQuery)) query: z.output<typeof mineQuery>): Promise<LotteryRequest[]> {
    return this.requests.mine(id, query.includeWithdrawn);
  }

  @Post(':id/requests')
  @SignedIn()
  @ApiZodBody(createLotteryRequestSchema)
  createRequest(@Param('id', roundId()) id: string, @Body(new ZodPipe(createLotteryRequestSchema)) body: z.output<typeof createLotteryRequestSchema>): Promise<LotteryRequest> {
    return this.requests.create(id, body);
  }

  @Put(':id/requests/order')
  @SignedIn()
  @ApiZodBody(reorderLotteryRequestsSchema)
  reorder(@Param('id', roundId()) id: string, @Body(new ZodPipe(reorderLotteryRequestsSchema)) body: z.output<typeof reorderLotteryRequestsSchema>): Promise<LotteryRequest[]> {
    return this.requests.reorder(id, body.requestIds);
  }

  @Get(':id/priority-reservations')
  @Roles('garage_admin', 'sysadmin')
  priorityList(@Param('id', roundId()) id: string): Promise<PriorityReservation[]> {
    return this.priority.list(id);
  }

  /** 災害対応 / 議会 / 市長公務, before the draw, with a reason. */
  @Post(':id/priority-reservations')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(createPriorityReservationSchema)
  priorityCreate(
    @Param('id', roundId()) id: string,
    @Body(new ZodPipe(createPriorityReservationSchema)) body: z.output<typeof createPriorityReservationSchema>,
  ): Promise<PriorityReservation> {
    return this.priority.create(id, body);
  }
}

/** One request: read, edit and withdraw while the window is open; confirm or decline its win. */
@ApiTags('car-lottery')
@Controller('lottery/requests')
export class LotteryRequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly wins: WinsService,
  ) {}

  @Get(':id')
  @SignedIn()
  get(@Param('id', requestId()) id: string): Promise<LotteryRequest> {
    return this.requests.get(id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiZodBody(updateLotteryRequestSchema)
  update(@Param('id', requestId()) id: string, @Body(new PatchBodyPipe(updateLotteryRequestSchema)) body: Partial<z.output<typeof updateLotteryRequestSchema>>): Promise<LotteryRequest> {
    return this.requests.update(id, body);
  }

  @Post(':id/withdraw')
  @SignedIn()
  @HttpCode(200)
  withdraw(@Param('id', requestId()) id: string): Promise<LotteryRequest> {
    return this.requests.withdraw(id);
  }

  /** 当選確定 */
  @Post(':id/confirm')
  @SignedIn()
  @HttpCode(200)
  confirm(@Param('id', requestId()) id: string): Promise<LotteryRequest> {
    return this.wins.confirm(id);
  }

  /** 当選辞退 */
  @Post(':id/decline')
  @SignedIn()
  @HttpCode(200)
  decline(@Param('id', requestId()) id: string): Promise<LotteryRequest> {
    return this.wins.decline(id);
  }
}

/** Per-pool lottery settings (設定値). */
@ApiTags('car-lottery')
@Controller('lottery/pools')
export class LotteryPoolsController {
  constructor(private readonly settings: LotterySettingsService) {}

  @Get(':poolId/settings')
  @Roles('garage_admin', 'sysadmin')
  get(@Param('poolId', poolId()) id: string): Promise<LotterySettings> {
    return this.settings.get(id);
  }

  @Patch(':poolId/settings')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(updateLotterySettingsSchema)
  update(@Param('poolId', poolId()) id: string, @Body(new PatchBodyPipe(updateLotterySettingsSchema)) body: Partial<z.output<typeof updateLotterySettingsSchema>>): Promise<LotterySettings> {
    return this.settings.update(id, body);
  }
}

/** Anyone signed in may check an exported record against a re-run of the draw. */
@ApiTags('car-lottery')
@Controller('lottery')
export class LotteryVerifyController {
  constructor(private readonly verification: VerificationService) {}

  @Post('verify')
  @SignedIn()
  @HttpCode(200)
  verify(@Body(new ZodPipe(z.looseObject({}))) body: Record<string, unknown>): Promise<LotteryVerifyResult> {
    return this.verification.verify(body);
  }
}
