import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CarClass, CarPool, createCarPoolSchema, createGarageSchema, Garage, updateCarPoolSchema, updateGarageSchema } from '@rr/contracts';
import { ApiZodBody, IdParamPipe, PatchBodyPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { CarErrors } from './cars.errors';
import { FleetService } from './fleet.service';

@ApiTags('cars')
@Controller('car-classes')
export class CarClassesController {
  constructor(private readonly fleet: FleetService) {}

  /** 車種 (read-only reference data). */
  @Get()
  @SignedIn()
  list(): Promise<CarClass[]> {
    return this.fleet.listClasses();
  }
}

@ApiTags('cars')
@Controller('garages')
export class GaragesController {
  constructor(private readonly fleet: FleetService) {}

  @Get()
  @SignedIn()
  list(): Promise<Garage[]> {
    return this.fleet.listGarages();
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', new IdParamPipe(CarErrors.garageNotFound)) id: string): Promise<Garage> {
    return this.fleet.getGarage(id);
  }

  @Post()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(createGarageSchema)
  create(@Body(new ZodPipe(createGarageSchema)) body: z.output<typeof createGarageSchema>): Promise<Garage> {
    return this.fleet.createGarage(body);
  }

  @Patch(':id')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(updateGarageSchema)
  update(
    @Param('id', new IdParamPipe(CarErrors.garageNotFound)) id: string,
    @Body(new PatchBodyPipe(updateGarageSchema)) body: Partial<z.output<typeof updateGarageSchema>>,
  ): Promise<Garage> {
    return this.fleet.updateGarage(id, body);
  }

  @Delete(':id')
  @Roles('garage_admin', 'sysadmin')
  @HttpCode(204)
  async remove(@Param('id', new IdParamPipe(CarErrors.garageNotFound)) id: string): Promise<void> {
    await this.fleet.deleteGarage(id);
  }
}

@ApiTags('cars')
@Controller('car-pools')
export class CarPoolsController {
  constructor(private readonly fleet: FleetService) {}

  @Get()
  @SignedIn()
  list(): Promise<CarPool[]> {
    return this.fleet.listPools();
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', new IdParamPipe(CarErrors.poolNotFound)) id: string): Promise<CarPool> {
    return this.fleet.getPool(id);
  }

  @Post()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(createCarPoolSchema)
  create(@Body(new ZodPipe(createCarPoolSchema)) body: z.output<typeof createCarPoolSchema>): Promise<CarPool> {
    return this.fleet.createPool(body);
  }

  @Patch(':id')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(updateCarPoolSchema)
  update(
    @Param('id', new IdParamPipe(CarErrors.poolNotFound)) id: string,
    @Body(new PatchBodyPipe(updateCarPoolSchema)) body: Partial<z.output<typeof updateCarPoolSchema>>,
  ): Promise<CarPool> {
    return this.fleet.updatePool(id, body);
  }

  @Delete(':id')
  @Roles('garage_admin', 'sysadmin')
  @HttpCode(204)
  async remove(@Param('id', new IdParamPipe(CarErrors.poolNotFound)) id: string): Promise<void> {
    await this.fleet.deletePool(id);
  }
}
