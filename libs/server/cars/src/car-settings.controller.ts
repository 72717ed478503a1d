import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CarBookingSettings, updateCarBookingSettingsSchema } from '@rr/contracts';
import { ApiZodBody, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { CarSettingsService } from './car-settings.service';

@ApiTags('cars')
@Controller('car-settings')
export class CarSettingsController {
  constructor(private readonly settings: CarSettingsService) {}

  /** Everyone: the booking form shows the bookable hours, the longest trip and the horizon. */
  @Get()
  @SignedIn()
  get(): Promise<CarBookingSettings> {
    return this.settings.get();
  }

  @Patch()
  @Roles('garage_admin', 'sysadmin')
  @ApiZodBody(updateCarBookingSettingsSchema)
  update(@Body(new ZodPipe(updateCarBookingSettingsSchema)) body: z.output<typeof updateCarBookingSettingsSchema>): Promise<CarBookingSettings> {
    return this.settings.update(body);
  }
}
