import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createRoomSchema, freeRoomsQuerySchema, Room, roomsQuerySchema, updateRoomSchema } from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, PatchBodyPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { RoomErrors } from './rooms.errors';
import { RoomsService } from './rooms.service';

const roomId = () => new IdParamPipe(RoomErrors.roomNotFound);

@ApiTags('rooms')
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @SignedIn()
  @ApiZodQuery(roomsQuerySchema)
  list(@Query(new ZodPipe(roomsQuerySchema)) query: z.output<typeof roomsQuerySchema>): Promise<Room[]> {
    return this.rooms.list(query);
  }

  /** 空き会議室検索: free over the whole range, best fit first (smallest capacity that fits, then name). */
  @Get('free')
  @SignedIn()
  @ApiZodQuery(freeRoomsQuerySchema)
  free(@Query(new ZodPipe(freeRoomsQuerySchema)) query: z.output<typeof freeRoomsQuerySchema>): Promise<Room[]> {
    return this.rooms.free(query);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', roomId()) id: string): Promise<Room> {
    return this.rooms.get(id);
  }

  @Post()
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(createRoomSchema)
  create(@Body(new ZodPipe(createRoomSchema)) body: z.output<typeof createRoomSchema>): Promise<Room> {
    return this.rooms.create(body);
  }

  /** Includes deactivating a room (`active: false`); its future bookings are not touched. */
  @Patch(':id')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(updateRoomSchema)
  update(@Param('id', roomId()) id: string, @Body(new PatchBodyPipe(updateRoomSchema)) body: Partial<z.output<typeof updateRoomSchema>>): Promise<Room> {
    return this.rooms.update(id, body);
  }

  /** Only a room that was never booked; otherwise 409 ROOM_IN_USE (deactivate it instead). */
  @Delete(':id')
  @Roles('general_affairs', 'sysadmin')
  @HttpCode(204)
  async remove(@Param('id', roomId()) id: string): Promise<void> {
    await this.rooms.remove(id);
  }
}
