import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type CalendarDay,
  type CalendarDaysQuery,
  calendarDaysQuerySchema,
  type ClosedDay,
  type ClosedDaysQuery,
  closedDaysQuerySchema,
  type CreateClosedDay,
  createClosedDaySchema,
} from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { CalendarService } from './calendar.service';
import { DateParamPipe } from './date-param.pipe';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('closed-days')
  @SignedIn()
  @ApiZodQuery(closedDaysQuerySchema)
  closedDays(@Query(new ZodPipe(closedDaysQuerySchema)) query: ClosedDaysQuery): Promise<ClosedDay[]> {
    return this.calendar.closedDays(query.year);
  }

  @Post('closed-days')
  @Roles('sysadmin')
  @ApiZodBody(createClosedDaySchema)
  addClosedDay(@Body(new ZodPipe(createClosedDaySchema)) body: CreateClosedDay): Promise<ClosedDay> {
    return this.calendar.addClosedDay(body);
  }

  @Delete('closed-days/:date')
  @Roles('sysadmin')
  @HttpCode(204)
  removeClosedDay(@Param('date', new DateParamPipe()) date: string): Promise<void> {
    return this.calendar.removeClosedDay(date);
  }

  @Get('days')
  @SignedIn()
  @ApiZodQuery(calendarDaysQuerySchema)
  days(@Query(new ZodPipe(calendarDaysQuerySchema)) query: CalendarDaysQuery): Promise<CalendarDay[]> {
    return this.calendar.days(query.from, query.to);
  }
}
