import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createRoomBlockSchema, RoomBlock, RoomBlockResult, roomBlocksQuerySchema } from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, Roles, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { RoomBlocksService } from './room-blocks.service';
import { RoomErrors } from './rooms.errors';

@ApiTags('rooms')
@Controller('room-blocks')
export class RoomBlocksController {
  constructor(private readonly blocks: RoomBlocksService) {}

  @Get()
  @Roles('general_affairs', 'sysadmin')
  @ApiZodQuery(roomBlocksQuerySchema)
  list(@Query(new ZodPipe(roomBlocksQuerySchema)) query: z.output<typeof roomBlocksQuerySchema>): Promise<RoomBlock[]> {
    return this.blocks.list(query);
  }

  /** Returns the block and the active bookings it covers (kept; the organisers are to be contacted). */
  @Post()
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(createRoomBlockSchema)
  create(@Body(new ZodPipe(createRoomBlockSchema)) body: z.output<typeof createRoomBlockSchema>): Promise<RoomBlockResult> {
    return this.blocks.create(body);
  }

  @Delete(':id')
  @Roles('general_affairs', 'sysadmin')
  @HttpCode(204)
  async remove(@Param('id', new IdParamPipe(RoomErrors.blockNotFound)) id: string): Promise<void> {
    await this.blocks.remove(id);
  }
}
