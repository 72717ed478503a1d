import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DeadLetter, deadLetterQuerySchema, DeliveryStats, NotificationHistory, Page, RetryResult } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { ApiZodQuery, Roles, ZodPipe } from '@rr/server/http';
import { z } from 'zod';
import { AdminNotificationsService } from './admin-notifications.service';

const uuid = z.uuid();

/** System administrators: dead-lettered deliveries with retry, delivery history, live counts. */
@ApiTags('admin')
@Controller('admin/notifications')
@Roles('sysadmin')
export class AdminNotificationsController {
  constructor(private readonly admin: AdminNotificationsService) {}

  @Get('dead-letters')
  @ApiZodQuery(deadLetterQuerySchema)
  deadLetters(@Query(new ZodPipe(deadLetterQuerySchema)) query: z.output<typeof deadLetterQuerySchema>): Promise<Page<DeadLetter>> {
    return this.admin.deadLetters(query);
  }

  @Get('stats')
  stats(): Promise<DeliveryStats> {
    return this.admin.stats();
  }

  @Post('deliveries/:deliveryId/retry')
  @HttpCode(202)
  retry(@Param('deliveryId') deliveryId: string): Promise<RetryResult> {
    return this.admin.retry(deliveryId);
  }

  @Get(':id')
  history(@Param('id') id: string): Promise<NotificationHistory> {
    if (!uuid.safeParse(id).success) throw new AppError('NOTIFICATION_NOT_FOUND', 'not_found');
    return this.admin.history(id);
  }
}
