import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createRoomLotteryRequestSchema,
  createRoomLotteryRoundSchema,
  RoomLotteryRequestView,
  RoomLotteryRound,
  RoomLotteryTickResult,
  updateRoomLotteryRequestSchema,
  type CreateRoomLotteryRequest,
  type CreateRoomLotteryRound,
  type UpdateRoomLotteryRequest,
} from '@rr/contracts';
import { ApiZodBody, IdParamPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { RoomLotteryErrors } from './room-lottery.errors';
import { RoomLotteryMachine } from './room-lottery.machine';
import { RoomLotteryService } from './room-lottery.service';

const roundId = () => new IdParamPipe(RoomLotteryErrors.roundNotFound);
const requestId = () => new IdParamPipe(RoomLotteryErrors.requestNotFound);
const roundsQuery = z.strictObject({ open: z.enum(['true', 'false']).transform((v) => v === 'true').default(false) });
const requestsQuery = z.strictObject({ all: z.enum(['true', 'false']).transform((v) => v === 'true').default(false) });

/** High-demand room lottery (ADR 0021): rounds, entries, confirm/decline, draw record. */
@ApiTags('room-lottery')
@Controller('room-lottery')
export class RoomLotteryController {
  constructor(
    private readonly service: RoomLotteryService,
    private readonly machine: RoomLotteryMachine,
  ) {}

  @Get('rounds')
  @SignedIn()
  list(@Query(new ZodPipe(roundsQuery)) q: z.output<typeof roundsQuery>): Promise<RoomLotteryRound[]> {
    return this.service.listRounds(q.open);
  }

  @Post('rounds')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(createRoomLotteryRoundSchema)
  create(@Body(new ZodPipe(createRoomLotteryRoundSchema)) body: CreateRoomLotteryRound): Promise<RoomLotteryRound> {
    return this.service.createRound(body);
  }

  @Get('rounds/:id')
  @SignedIn()
  get(@Param('id', roundId()) id: string): Promise<RoomLotteryRound> {
    return this.service.round(id);
  }

  /** The caller's entries, or with ?all=true every entry (General Affairs / sysadmin). */
  @Get('rounds/:id/requests')
  @SignedIn()
  requests(@Param('id', roundId()) id: string, @Query(new ZodPipe(requestsQuery)) q: z.output<typeof requestsQuery>): Promise<RoomLotteryRequestView[]> {
    return this.service.requests(id, q.all);
  }

  @Get('rounds/:id/record')
  @SignedIn()
  record(@Param('id', roundId()) id: string): Promise<unknown> {
    return this.service.drawRecord(id);
  }

  /** Runs the round's due steps now (the worker's tick does the same every minute). */
  @Post('rounds/:id/advance')
  @HttpCode(200)
  @Roles('general_affairs', 'sysadmin')
  async advance(@Param('id', roundId()) id: string): Promise<RoomLotteryTickResult> {
    return { advanced: await this.machine.advance(id) };
  }

  @Post('rounds/:id/requests')
  @SignedIn()
  @ApiZodBody(createRoomLotteryRequestSchema)
  apply(@Param('id', roundId()) id: string, @Body(new ZodPipe(createRoomLotteryRequestSchema)) body: CreateRoomLotteryRequest): Promise<RoomLotteryRequestView> {
    return this.service.apply(id, body);
  }

  @Get('requests/mine')
  @SignedIn()
  mine(): Promise<RoomLotteryRequestView[]> {
    return this.service.mine();
  }

  @Patch('requests/:id')
  @SignedIn()
  @ApiZodBody(updateRoomLotteryRequestSchema)
  update(@Param('id', requestId()) id: string, @Body(new ZodPipe(updateRoomLotteryRequestSchema)) body: UpdateRoomLotteryRequest): Promise<RoomLotteryRequestView> {
    return this.service.update(id, body);
  }

  @Delete('requests/:id')
  @HttpCode(204)
  @SignedIn()
  async withdraw(@Param('id', requestId()) id: string): Promise<void> {
    await this.service.withdraw(id);
  }

  @Post('requests/:id/confirm')
  @HttpCode(200)
  @SignedIn()
  confirm(@Param('id', requestId()) id: string): Promise<RoomLotteryRequestView> {
    return this.service.confirm(id);
  }

  @Post('requests/:id/decline')
  @HttpCode(200)
  @SignedIn()
  decline(@Param('id', requestId()) id: string): Promise<RoomLotteryRequestView> {
    return this.service.decline(id);
  }
}
