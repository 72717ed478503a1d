import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CarAvailability,
  carAvailabilityQuerySchema,
  CarBooking,
  carBookingsQuerySchema,
  createCarBookingSchema,
  myCarBookingsQuerySchema,
  Page,
  updateCarBookingSchema,
} from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { CarAvailabilityService } from './car-availability.service';
import { CarBookingQueriesService } from './car-booking-queries.service';
import { CarBookingsService } from './car-bookings.service';
import { CarErrors } from './cars.errors';

const bookingId = () => new IdParamPipe(CarErrors.bookingNotFound);

@ApiTags('cars')
@Controller('car-bookings')
export class CarBookingsController {
  constructor(
    private readonly bookings: CarBookingsService,
    private readonly queries: CarBookingQueriesService,
  ) {}

  /** 先着予約: a given car, or any free car of a class. 409 CAR_BOOKING_CAR_TAKEN / CAR_BOOKING_DRIVER_OVERLAP on overlap. */
  @Post()
  @SignedIn()
  @ApiZodBody(createCarBookingSchema)
  create(@Body(new ZodPipe(createCarBookingSchema)) body: z.output<typeof createCarBookingSchema>): Promise<CarBooking> {
    return this.bookings.create(body);
  }

  @Get('mine')
  @SignedIn()
  @ApiZodQuery(myCarBookingsQuerySchema)
  mine(@Query(new ZodPipe(myCarBookingsQuerySchema)) query: z.output<typeof myCarBookingsQuerySchema>): Promise<CarBooking[]> {
    return this.queries.mine(query);
  }

  @Get()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodQuery(carBookingsQuerySchema)
  list(@Query(new ZodPipe(carBookingsQuerySchema)) query: z.output<typeof carBookingsQuerySchema>): Promise<Page<CarBooking>> {
    return this.queries.list(query);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', bookingId()) id: string): Promise<CarBooking> {
    return this.queries.get(id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiZodBody(updateCarBookingSchema)
  update(@Param('id', bookingId()) id: string, @Body(new ZodPipe(updateCarBookingSchema)) body: z.output<typeof updateCarBookingSchema>): Promise<CarBooking> {
    return this.bookings.update(id, body);
  }

  @Post(':id/cancel')
  @SignedIn()
  @HttpCode(200)
  cancel(@Param('id', bookingId()) id: string): Promise<CarBooking> {
    return this.bookings.cancel(id);
  }
}

@ApiTags('cars')
@Controller('car-availability')
export class CarAvailabilityController {
  constructor(private readonly availability: CarAvailabilityService) {}

  /** Cars × the Tokyo day's 15-minute slots with each car's busy intervals. */
  @Get()
  @SignedIn()
  @ApiZodQuery(carAvailabilityQuerySchema)
  day(@Query(new ZodPipe(carAvailabilityQuerySchema)) query: z.output<typeof carAvailabilityQuerySchema>): Promise<CarAvailability> {
    return this.availability.day(query);
  }
}
