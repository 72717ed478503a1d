import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AcBudgetDto,
  AcBuildingDto,
  AcSettingsDto,
  AcZoneDto,
  addAcRateSchema,
  createAcBuildingSchema,
  createAcFloorSchema,
  createAcZoneSchema,
  putAcBudgetSchema,
  updateAcSettingsSchema,
  updateAcZoneSchema,
} from '@rr/contracts';
import { AppError } from '@rr/domain';
import { ApiZodBody, IdParamPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { AcCatalogueService } from './ac-catalogue.service';
import { AcErrors } from './ac.errors';

const includeInactiveSchema = z.strictObject({ includeInactive: z.enum(['true', 'false']).transform((v) => v === 'true').default(false) });
const fiscalYearParam = z.coerce.number().int().min(2000).max(2200);

/** The AC register (buildings, floors, zones, rates), settings and budgets: read by all, kept by 総務課. */
@ApiTags('ac')
@Controller('ac')
export class AcAdminController {
  constructor(private readonly catalogue: AcCatalogueService) {}

  @Get('zones')
  @SignedIn()
  zones(@Query(new ZodPipe(includeInactiveSchema)) q: z.output<typeof includeInactiveSchema>): Promise<AcZoneDto[]> {
    return this.catalogue.listZones(q.includeInactive);
  }

  @Get('buildings')
  @SignedIn()
  buildings(): Promise<AcBuildingDto[]> {
    return this.catalogue.listBuildings();
  }

  @Post('buildings')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(createAcBuildingSchema)
  createBuilding(@Body(new ZodPipe(createAcBuildingSchema)) body: z.output<typeof createAcBuildingSchema>): Promise<AcBuildingDto> {
    return this.catalogue.createBuilding(body);
  }

  @Post('buildings/:id/floors')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(createAcFloorSchema)
  createFloor(
    @Param('id', new IdParamPipe(AcErrors.buildingNotFound)) id: string,
    @Body(new ZodPipe(createAcFloorSchema)) body: z.output<typeof createAcFloorSchema>,
  ): Promise<AcBuildingDto> {
    return this.catalogue.createFloor(id, body);
  }

  @Post('zones')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(createAcZoneSchema)
  createZone(@Body(new ZodPipe(createAcZoneSchema)) body: z.output<typeof createAcZoneSchema>): Promise<AcZoneDto> {
    return this.catalogue.createZone(body);
  }

  @Patch('zones/:id')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(updateAcZoneSchema)
  updateZone(
    @Param('id', new IdParamPipe(AcErrors.zoneNotFound)) id: string,
    @Body(new ZodPipe(updateAcZoneSchema)) body: z.output<typeof updateAcZoneSchema>,
  ): Promise<AcZoneDto> {
    return this.catalogue.updateZone(id, body);
  }

  @Post('zones/:id/rates')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(addAcRateSchema)
  addRate(@Param('id', new IdParamPipe(AcErrors.zoneNotFound)) id: string, @Body(new ZodPipe(addAcRateSchema)) body: z.output<typeof addAcRateSchema>): Promise<AcZoneDto> {
    return this.catalogue.addRate(id, body);
  }

  @Get('settings')
  @SignedIn()
  settings(): Promise<AcSettingsDto> {
    return this.catalogue.settings();
  }

  @Patch('settings')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(updateAcSettingsSchema)
  updateSettings(@Body(new ZodPipe(updateAcSettingsSchema)) body: z.output<typeof updateAcSettingsSchema>): Promise<AcSettingsDto> {
    return this.catalogue.updateSettings(body);
  }

  @Put('budgets/:fiscalYear')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodBody(putAcBudgetSchema)
  putBudget(@Param('fiscalYear') year: string, @Body(new ZodPipe(putAcBudgetSchema)) body: z.output<typeof putAcBudgetSchema>): Promise<AcBudgetDto> {
    const parsed = fiscalYearParam.safeParse(year);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'validation');
    return this.catalogue.putBudget(parsed.data, body.yen);
  }
}
