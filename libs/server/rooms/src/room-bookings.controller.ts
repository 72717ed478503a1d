import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createRoomBookingSchema,
  myRoomBookingsQuerySchema,
  RoomBooking,
  RoomCalendar,
  roomCalendarQuerySchema,
  updateRoomBookingSchema,
} from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { RoomBookingQueriesService } from './room-booking-queries.service';
import { RoomBookingsService } from './room-bookings.service';
import { RoomErrors } from './rooms.errors';

const bookingId = () => new IdParamPipe(RoomErrors.bookingNotFound);

@ApiTags('rooms')
@Controller('room-bookings')
export class RoomBookingsController {
  constructor(
    private readonly bookings: RoomBookingsService,
    private readonly queries: RoomBookingQueriesService,
  ) {}

  /** 先着予約. 409 ROOM_BOOKING_CONFLICT when the slot is taken; 400 ROOM_CAPACITY_EXCEEDED when too many attend. */
  @Post()
  @SignedIn()
  @ApiZodBody(createRoomBookingSchema)
  create(@Body(new ZodPipe(createRoomBookingSchema)) body: z.output<typeof createRoomBookingSchema>): Promise<RoomBooking> {
    return this.bookings.create(body);
  }

  @Get('mine')
  @SignedIn()
  @ApiZodQuery(myRoomBookingsQuerySchema)
  mine(@Query(new ZodPipe(myRoomBookingsQuerySchema)) query: z.output<typeof myRoomBookingsQuerySchema>): Promise<RoomBooking[]> {
    return this.queries.mine(query);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', bookingId()) id: string): Promise<RoomBooking> {
    return this.queries.get(id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiZodBody(updateRoomBookingSchema)
  update(@Param('id', bookingId()) id: string, @Body(new ZodPipe(updateRoomBookingSchema)) body: z.output<typeof updateRoomBookingSchema>): Promise<RoomBooking> {
    return this.bookings.update(id, body);
  }

  @Post(':id/cancel')
  @SignedIn()
  @HttpCode(200)
  cancel(@Param('id', bookingId()) id: string): Promise<RoomBooking> {
    return this.bookings.cancel(id);
  }
}

@ApiTags('rooms')
@Controller('room-calendar')
export class RoomCalendarController {
  constructor(private readonly queries: RoomBookingQueriesService) {}

  /** A room's, or a floor's, active bookings and blocks for a Tokyo day (days=1) or week (days=7). */
  @Get()
  @SignedIn()
  @ApiZodQuery(roomCalendarQuerySchema)
  calendar(@Query(new ZodPipe(roomCalendarQuerySchema)) query: z.output<typeof roomCalendarQuerySchema>): Promise<RoomCalendar> {
    return this.queries.calendar(query);
  }
}
