import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CalendarFeed,
  RoomAcNeed,
  roomAcNeedsQuerySchema,
  RoomBooking,
  RoomNoShow,
  roomNoShowsQuerySchema,
  RoomSettings,
  updateRoomSettingsSchema,
} from '@rr/contracts';
import { AppError } from '@rr/domain';
import { ApiZodBody, ApiZodQuery, IdParamPipe, PatchBodyPipe, Public, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import type { Response } from 'express';
import { z } from 'zod';
import { RoomAcNeedsService } from './room-ac-needs.service';
import { RoomCheckInService } from './room-check-in.service';
import { RoomFeedsService } from './room-feeds.service';
import { RoomSettingsService, toRoomSettings } from './room-settings.service';
import { RoomErrors } from './rooms.errors';

const bookingId = () => new IdParamPipe(RoomErrors.bookingNotFound);
const roomId = () => new IdParamPipe(RoomErrors.roomNotFound);

/** チェックイン from the booking (a holder, within the window). */
@ApiTags('rooms')
@Controller('room-bookings')
export class RoomBookingCheckInController {
  constructor(private readonly checkIns: RoomCheckInService) {}

  @Post(':id/check-in')
  @SignedIn()
  @HttpCode(200)
  checkIn(@Param('id', bookingId()) id: string): Promise<RoomBooking> {
    return this.checkIns.checkIn(id);
  }
}

/** チェックイン through the room's QR code (the web page /rooms/:id/check-in posts here). */
@ApiTags('rooms')
@Controller('rooms')
export class RoomQrCheckInController {
  constructor(private readonly checkIns: RoomCheckInService) {}

  @Post(':id/check-in')
  @SignedIn()
  @HttpCode(200)
  checkIn(@Param('id', roomId()) id: string): Promise<RoomBooking> {
    return this.checkIns.checkInAtRoom(id);
  }
}

@ApiTags('rooms')
@Controller()
export class RoomAdminExtrasController {
  constructor(
    private readonly checkIns: RoomCheckInService,
    private readonly settings: RoomSettingsService,
    private readonly needs: RoomAcNeedsService,
  ) {}

  /** 不在（no-show）件数: released bookings per organiser. */
  @Get('room-no-shows')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodQuery(roomNoShowsQuerySchema)
  noShows(@Query(new ZodPipe(roomNoShowsQuerySchema)) query: z.output<typeof roomNoShowsQuerySchema>): Promise<RoomNoShow[]> {
    return this.checkIns.noShows(query);
  }

  @Get('room-settings')
  @SignedIn()
  async getSettings(): Promise<RoomSettings> {
    return toRoomSettings(await this.settings.get());
  }

  @Patch('room-settings')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(updateRoomSettingsSchema)
  updateSettings(@Body(new PatchBodyPipe(updateRoomSettingsSchema)) body: Partial<z.output<typeof updateRoomSettingsSchema>>): Promise<RoomSettings> {
    return this.settings.update(body);
  }

  /** Recorded after-hours AC needs of room bookings (the AC feature's intake). */
  @Get('room-ac-needs')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodQuery(roomAcNeedsQuerySchema)
  acNeeds(@Query(new ZodPipe(roomAcNeedsQuerySchema)) query: z.output<typeof roomAcNeedsQuerySchema>): Promise<RoomAcNeed[]> {
    return this.needs.list(query);
  }
}

/** My and a room's private feed URL: get (created on first use), rotate, revoke. */
@ApiTags('rooms')
@Controller('ical-feeds')
export class CalendarFeedTokensController {
  constructor(private readonly feeds: RoomFeedsService) {}

  @Get('me')
  @SignedIn()
  mine(): Promise<CalendarFeed> {
    return this.feeds.myFeed();
  }

  @Post('me/rotate')
  @SignedIn()
  @HttpCode(200)
  rotateMine(): Promise<CalendarFeed> {
    return this.feeds.rotateMine();
  }

  @Delete('me')
  @SignedIn()
  @HttpCode(204)
  async revokeMine(): Promise<void> {
    await this.feeds.revokeMine();
  }

  /** Any staff member: a room's calendar is visible to all (like the sheet on the door). */
  @Get('rooms/:roomId')
  @SignedIn()
  room(@Param('roomId', roomId()) id: string): Promise<CalendarFeed> {
    return this.feeds.roomFeed(id);
  }

  @Post('rooms/:roomId/rotate')
  @Roles('general_affairs', 'sysadmin')
  @HttpCode(200)
  rotateRoom(@Param('roomId', roomId()) id: string): Promise<CalendarFeed> {
    return this.feeds.rotateRoom(id);
  }

  @Delete('rooms/:roomId')
  @Roles('general_affairs', 'sysadmin')
  @HttpCode(204)
  async revokeRoom(@Param('roomId', roomId()) id: string): Promise<void> {
    await this.feeds.revokeRoom(id);
  }
}

const tokenOf = (file: string): string => {
  const m = /^([A-Za-z0-9_-]{20,64})\.ics$/.exec(file);
  if (!m) throw new AppError('ROOM_FEED_NOT_FOUND', 'not_found');
  return m[1];
};

/** The feeds themselves: no session (calendar clients have none); the token in the path is the key. */
@ApiTags('rooms')
@Controller('ical')
export class CalendarFeedsController {
  constructor(private readonly feeds: RoomFeedsService) {}

  @Get('users/:file')
  @Public()
  async user(@Param('file') file: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return asCalendar(res, await this.feeds.userIcs(tokenOf(file)));
  }

  @Get('rooms/:file')
  @Public()
  async room(@Param('file') file: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return asCalendar(res, await this.feeds.roomIcs(tokenOf(file)));
  }
}

/** Headers only once the feed exists: an error stays the usual JSON body. */
function asCalendar(res: Response, ics: string): string {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Cache-Control', 'private, max-age=300');
  return ics;
}
