import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Driver,
  driversQuerySchema,
  DriverStatus,
  SectionDriver,
  sectionDriversQuerySchema,
  upsertDriverSchema,
  upsertOwnDriverSchema,
} from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { CarErrors } from './cars.errors';
import { DriversService } from './drivers.service';

const userIdPipe = () => new IdParamPipe(CarErrors.driverNotFound);

@ApiTags('cars')
@Controller('drivers')
export class DriversController {
  constructor(private readonly drivers: DriversService) {}

  /** Own registration and eligibility, with the licence-expiry warning. */
  @Get('me')
  @SignedIn()
  me(): Promise<DriverStatus> {
    return this.drivers.me();
  }

  /** Register or renew one's own licence; it then awaits a garage administrator's approval. */
  @Put('me')
  @SignedIn()
  @ApiZodBody(upsertOwnDriverSchema)
  upsertMine(@Body(new ZodPipe(upsertOwnDriverSchema)) body: z.output<typeof upsertOwnDriverSchema>): Promise<DriverStatus> {
    return this.drivers.upsertMine(body);
  }

  /** Drivers of the caller's section (names and eligibility only), for the booking form. */
  @Get('section')
  @SignedIn()
  @ApiZodQuery(sectionDriversQuerySchema)
  section(@Query(new ZodPipe(sectionDriversQuerySchema)) query: z.output<typeof sectionDriversQuerySchema>): Promise<SectionDriver[]> {
    return this.drivers.sectionDrivers(query.sectionId);
  }

  @Get()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodQuery(driversQuerySchema)
  list(@Query(new ZodPipe(driversQuerySchema)) query: z.output<typeof driversQuerySchema>) {
    return this.drivers.list(query);
  }

  @Get(':userId')
  @Roles('garage_admin', 'sysadmin')
  get(@Param('userId', userIdPipe()) userId: string): Promise<Driver> {
    return this.drivers.get(userId);
  }

  @Put(':userId')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(upsertDriverSchema)
  upsert(
    @Param('userId', new IdParamPipe(CarErrors.driverUserNotFound)) userId: string,
    @Body(new ZodPipe(upsertDriverSchema)) body: z.output<typeof upsertDriverSchema>,
  ): Promise<Driver> {
    return this.drivers.upsert(userId, body);
  }

  /** 公用車運転許可. */
  @Post(':userId/approve')
  @Roles('garage_admin', 'sysadmin')
  @HttpCode(200)
  approve(@Param('userId', userIdPipe()) userId: string): Promise<Driver> {
    return this.drivers.approve(userId);
  }

  @Post(':userId/revoke')
  @Roles('garage_admin', 'sysadmin')
  @HttpCode(200)
  revoke(@Param('userId', userIdPipe()) userId: string): Promise<Driver> {
    return this.drivers.revoke(userId);
  }

  @Delete(':userId')
  @Roles('garage_admin', 'sysadmin')
  @HttpCode(204)
  async remove(@Param('userId', userIdPipe()) userId: string): Promise<void> {
    await this.drivers.remove(userId);
  }
}
