import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Car, carsQuerySchema, createCarSchema, updateCarSchema } from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, PatchBodyPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { CarErrors } from './cars.errors';
import { CarsService } from './cars.service';

@ApiTags('cars')
@Controller('cars')
export class CarsController {
  constructor(private readonly cars: CarsService) {}

  @Get()
  @SignedIn()
  @ApiZodQuery(carsQuerySchema)
  list(@Query(new ZodPipe(carsQuerySchema)) query: z.output<typeof carsQuerySchema>): Promise<Car[]> {
    return this.cars.list(query);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', new IdParamPipe(CarErrors.carNotFound)) id: string): Promise<Car> {
    return this.cars.get(id);
  }

  @Post()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(createCarSchema)
  create(@Body(new ZodPipe(createCarSchema)) body: z.output<typeof createCarSchema>): Promise<Car> {
    return this.cars.create(body);
  }

  /** Includes retiring a car (`status: 'retired'`); its future bookings are not touched. */
  @Patch(':id')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(updateCarSchema)
  update(
    @Param('id', new IdParamPipe(CarErrors.carNotFound)) id: string,
    @Body(new PatchBodyPipe(updateCarSchema)) body: Partial<z.output<typeof updateCarSchema>>,
  ): Promise<Car> {
    return this.cars.update(id, body);
  }

  /** Only a car that was never booked; otherwise 409 CAR_IN_USE (retire it instead). */
  @Delete(':id')
  @Roles('garage_admin', 'sysadmin')
  @HttpCode(204)
  async remove(@Param('id', new IdParamPipe(CarErrors.carNotFound)) id: string): Promise<void> {
    await this.cars.remove(id);
  }
}
