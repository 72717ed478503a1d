import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppError } from '@rr/domain';
import { cancelRoomSeriesSchema, createRoomSeriesSchema, RoomSeries, RoomSeriesResult, updateRoomSeriesSchema } from '@rr/contracts';
import { ApiZodBody, IdParamPipe, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { RoomSeriesService } from './room-series.service';

const seriesId = () => new IdParamPipe(() => new AppError('ROOM_SERIES_NOT_FOUND', 'not_found'));

/** 繰り返し予約 (ADR 0017): create with a per-occurrence report; "this and following" edit and cancel. */
@ApiTags('rooms')
@Controller('room-series')
export class RoomSeriesController {
  constructor(private readonly series: RoomSeriesService) {}

  /** 201 with every occurrence's outcome (created / conflict / blocked / skipped_closed_day); 400 ROOM_RRULE_INVALID etc. write nothing. */
  @Post()
  @SignedIn()
  @ApiZodBody(createRoomSeriesSchema)
  create(@Body(new ZodPipe(createRoomSeriesSchema)) body: z.output<typeof createRoomSeriesSchema>): Promise<RoomSeriesResult> {
    return this.series.create(body);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', seriesId()) id: string): Promise<RoomSeries> {
    return this.series.get(id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiZodBody(updateRoomSeriesSchema)
  update(@Param('id', seriesId()) id: string, @Body(new ZodPipe(updateRoomSeriesSchema)) body: z.output<typeof updateRoomSeriesSchema>): Promise<RoomSeriesResult> {
    return this.series.update(id, body);
  }

  @Post(':id/cancel')
  @SignedIn()
  @HttpCode(200)
  @ApiZodBody(cancelRoomSeriesSchema)
  cancel(@Param('id', seriesId()) id: string, @Body(new ZodPipe(cancelRoomSeriesSchema)) body: z.output<typeof cancelRoomSeriesSchema>): Promise<RoomSeriesResult> {
    return this.series.cancel(id, body);
  }
}
