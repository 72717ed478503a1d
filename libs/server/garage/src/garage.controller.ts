import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AlcoholCheck,
  Board,
  boardQuerySchema,
  CheckOutResult,
  checkOutSchema,
  correctAlcoholCheckSchema,
  correctDrivingLogSchema,
  createAlcoholCheckSchema,
  createDetectorSchema,
  createInspectionSchema,
  Detector,
  DetectorInspection,
  DrivingLog,
  GarageRecords,
  GarageSettings,
  Ledger,
  ledgerQuerySchema,
  MyTrips,
  MoveToFreeCarResult,
  moveToFreeCarSchema,
  recordsQuerySchema,
  ReturnResult,
  returnSchema,
  updateDetectorSchema,
  updateGarageSettingsSchema,
} from '@rr/contracts';
import { garageError } from '@rr/domain';
import { ApiZodBody, ApiZodQuery, IdParamPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import type { Response } from 'express';
import { z } from 'zod';
import { AlcoholChecksService } from './alcohol-checks.service';
import { CounterService } from './counter.service';
import { DetectorsService } from './detectors.service';
import { GarageSettingsService } from './garage-settings.service';
import { RecordsService } from './records.service';
import { LateReturnService } from './late-return.service';

const bookingId = () => new IdParamPipe(() => garageError('GARAGE_BOOKING_NOT_FOUND'));
const detectorId = () => new IdParamPipe(() => garageError('GARAGE_DETECTOR_NOT_FOUND'));
const checkId = () => new IdParamPipe(() => garageError('GARAGE_CHECK_NOT_FOUND'));
const logId = () => new IdParamPipe(() => garageError('GARAGE_LOG_NOT_FOUND'));

const ledgerFilterSchema = ledgerQuerySchema.extend({ carId: z.uuid().optional(), driverId: z.uuid().optional() });
const csvQuerySchema = recordsQuerySchema.extend({ kind: z.enum(['checks', 'logs']).default('checks') });

/**
 * The counter (鍵の貸出・返却) for the safe-driving manager and assistants (garage_admin): today's
 * board, check-out with the pre-drive check, return with the post-drive check and driving log.
 */
@ApiTags('garage')
@Controller('garage')
export class GarageCounterController {
  constructor(
    private readonly counter: CounterService,
    private readonly settings: GarageSettingsService,
    private readonly lateReturns: LateReturnService,
  ) {}

  @Get('board')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodQuery(boardQuerySchema)
  board(@Query(new ZodPipe(boardQuerySchema)) query: z.output<typeof boardQuerySchema>): Promise<Board> {
    return this.counter.board(query.date);
  }

  /** 201 `released` (key out, booking in use) or 201 `blocked` (not fit: recorded, managers notified, no key). */
  @Post('bookings/:id/check-out')
  @Roles('garage_admin')
  @ApiZodBody(checkOutSchema)
  checkOut(@Param('id', bookingId()) id: string, @Body(new ZodPipe(checkOutSchema)) body: z.output<typeof checkOutSchema>): Promise<CheckOutResult> {
    return this.counter.checkOut(id, body);
  }

  @Post('bookings/:id/return')
  @Roles('garage_admin')
  @ApiZodBody(returnSchema)
  returnKey(@Param('id', bookingId()) id: string, @Body(new ZodPipe(returnSchema)) body: z.output<typeof returnSchema>): Promise<ReturnResult> {
    return this.counter.returnKey(id, body);
  }

  /** A driver's own trips, driving logs and checks. */
  @Get('my-trips')
  @SignedIn()
  myTrips(): Promise<MyTrips> {
    return this.counter.myTrips();
  }

  /**
   * 返却遅れ: the holder (driver or booker; or a garage administrator) accepts the offered car, or
   * names another free car of the same class and pool. 409 when the car is not late, or the car is
   * unsuitable or was taken meanwhile (GARAGE_MOVE_CAR_TAKEN).
   */
  @Post('bookings/:id/move-car')
  @SignedIn()
  @ApiZodBody(moveToFreeCarSchema)
  moveCar(@Param('id', bookingId()) id: string, @Body(new ZodPipe(moveToFreeCarSchema)) body: z.output<typeof moveToFreeCarSchema>): Promise<MoveToFreeCarResult> {
    return this.lateReturns.accept(id, body);
  }

  @Get('settings')
  @Roles('garage_admin', 'sysadmin')
  getSettings(): Promise<GarageSettings> {
    return this.settings.get();
  }

  @Put('settings')
  @Roles('garage_admin')
  @ApiZodBody(updateGarageSettingsSchema)
  updateSettings(@Body(new ZodPipe(updateGarageSettingsSchema)) body: z.output<typeof updateGarageSettingsSchema>): Promise<GarageSettings> {
    return this.settings.update(body);
  }
}

/** 検知器台帳 and inspection log. */
@ApiTags('garage')
@Controller('garage/detectors')
export class DetectorsController {
  constructor(private readonly detectors: DetectorsService) {}

  @Get()
  @Roles('garage_admin', 'sysadmin')
  list(): Promise<Detector[]> {
    return this.detectors.list();
  }

  @Post()
  @Roles('garage_admin')
  @ApiZodBody(createDetectorSchema)
  create(@Body(new ZodPipe(createDetectorSchema)) body: z.output<typeof createDetectorSchema>): Promise<Detector> {
    return this.detectors.create(body);
  }

  @Get(':id')
  @Roles('garage_admin', 'sysadmin')
  get(@Param('id', detectorId()) id: string): Promise<Detector> {
    return this.detectors.get(id);
  }

  @Patch(':id')
  @Roles('garage_admin')
  @ApiZodBody(updateDetectorSchema)
  update(@Param('id', detectorId()) id: string, @Body(new ZodPipe(updateDetectorSchema)) body: z.output<typeof updateDetectorSchema>): Promise<Detector> {
    return this.detectors.update(id, body);
  }

  @Delete(':id')
  @Roles('garage_admin')
  @HttpCode(204)
  remove(@Param('id', detectorId()) id: string): Promise<void> {
    return this.detectors.remove(id);
  }

  @Get(':id/inspections')
  @Roles('garage_admin', 'sysadmin')
  inspections(@Param('id', detectorId()) id: string): Promise<DetectorInspection[]> {
    return this.detectors.inspections(id);
  }

  @Post(':id/inspections')
  @Roles('garage_admin')
  @ApiZodBody(createInspectionSchema)
  inspect(@Param('id', detectorId()) id: string, @Body(new ZodPipe(createInspectionSchema)) body: z.output<typeof createInspectionSchema>): Promise<DetectorInspection> {
    return this.detectors.inspect(id, body);
  }
}

/** Records: alcohol checks (standalone and corrections), driving logs, search, CSV, monthly ledger. */
@ApiTags('garage')
@Controller('garage')
export class GarageRecordsController {
  constructor(
    private readonly checks: AlcoholChecksService,
    private readonly records: RecordsService,
  ) {}

  /** A check outside a handover (remote 直行直帰, or the end-of-day check under 「1日1回」). */
  @Post('alcohol-checks')
  @Roles('garage_admin')
  @ApiZodBody(createAlcoholCheckSchema)
  createCheck(@Body(new ZodPipe(createAlcoholCheckSchema)) body: z.output<typeof createAlcoholCheckSchema>): Promise<AlcoholCheck> {
    return this.checks.create(body);
  }

  @Get('alcohol-checks/:id')
  @Roles('garage_admin', 'sysadmin')
  getCheck(@Param('id', checkId()) id: string): Promise<AlcoholCheck> {
    return this.checks.get(id);
  }

  @Post('alcohol-checks/:id/corrections')
  @Roles('garage_admin')
  @ApiZodBody(correctAlcoholCheckSchema)
  correctCheck(@Param('id', checkId()) id: string, @Body(new ZodPipe(correctAlcoholCheckSchema)) body: z.output<typeof correctAlcoholCheckSchema>): Promise<AlcoholCheck> {
    return this.checks.correct(id, body);
  }

  @Get('driving-logs/:id')
  @Roles('garage_admin', 'sysadmin')
  getLog(@Param('id', logId()) id: string): Promise<DrivingLog> {
    return this.records.log(id);
  }

  @Post('driving-logs/:id/corrections')
  @Roles('garage_admin')
  @ApiZodBody(correctDrivingLogSchema)
  correctLog(@Param('id', logId()) id: string, @Body(new ZodPipe(correctDrivingLogSchema)) body: z.output<typeof correctDrivingLogSchema>): Promise<DrivingLog> {
    return this.records.correctLog(id, body);
  }

  @Get('records')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodQuery(recordsQuerySchema)
  search(@Query(new ZodPipe(recordsQuerySchema)) query: z.output<typeof recordsQuerySchema>): Promise<GarageRecords> {
    return this.records.search(query);
  }

  /** UTF-8 with BOM, CRLF: opens in Excel as is. `kind=checks` (酒気帯び確認記録) or `logs` (運転日誌). */
  @Get('records.csv')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodQuery(csvQuerySchema)
  async csv(@Query(new ZodPipe(csvQuerySchema)) query: z.output<typeof csvQuerySchema>, @Res() res: Response): Promise<void> {
    const body = query.kind === 'logs' ? await this.records.logsCsv(query) : await this.records.checksCsv(query);
    const name = `${query.kind === 'logs' ? 'driving-logs' : 'alcohol-checks'}-${query.from}-${query.to}.csv`;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.send(Buffer.from(body, 'utf8'));
  }

  @Get('ledger')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodQuery(ledgerFilterSchema)
  ledger(@Query(new ZodPipe(ledgerFilterSchema)) query: z.output<typeof ledgerFilterSchema>): Promise<Ledger> {
    return this.records.ledger(query.month, query.carId, query.driverId);
  }
}
