import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CarBlock, CarBlockResult, carBlocksQuerySchema, createCarBlockSchema, updateCarBlockSchema } from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, Roles, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { CarBlocksService } from './car-blocks.service';
import { CarErrors } from './cars.errors';

@ApiTags('cars')
@Controller('car-blocks')
export class CarBlocksController {
  constructor(private readonly blocks: CarBlocksService) {}

  @Get()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodQuery(carBlocksQuerySchema)
  list(@Query(new ZodPipe(carBlocksQuerySchema)) query: z.output<typeof carBlocksQuerySchema>): Promise<CarBlock[]> {
    return this.blocks.list(query);
  }

  @Get(':id')
  @Roles('garage_admin', 'sysadmin')
  get(@Param('id', new IdParamPipe(CarErrors.blockNotFound)) id: string): Promise<CarBlock> {
    return this.blocks.get(id);
  }

  /** Returns the block and the bookings it displaced (moved to another car, or flagged). */
  @Post()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(createCarBlockSchema)
  create(@Body(new ZodPipe(createCarBlockSchema)) body: z.output<typeof createCarBlockSchema>): Promise<CarBlockResult> {
    return this.blocks.create(body, { notifyHolders: true });
  }

  @Patch(':id')
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(updateCarBlockSchema)
  update(
    @Param('id', new IdParamPipe(CarErrors.blockNotFound)) id: string,
    @Body(new ZodPipe(updateCarBlockSchema)) body: z.output<typeof updateCarBlockSchema>,
  ): Promise<CarBlockResult> {
    return this.blocks.update(id, body, { notifyHolders: true });
  }

  @Delete(':id')
  @Roles('garage_admin', 'sysadmin')
  @HttpCode(204)
  async remove(@Param('id', new IdParamPipe(CarErrors.blockNotFound)) id: string): Promise<void> {
    await this.blocks.remove(id);
  }
}
