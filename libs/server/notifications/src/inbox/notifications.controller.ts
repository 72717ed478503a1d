import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  InboxItem,
  inboxQuerySchema,
  MarkAllReadResult,
  NotificationPreferences,
  Page,
  UnreadCount,
  UpdateNotificationPreferences,
  updateNotificationPreferencesSchema,
} from '@rr/contracts';
import { AppError } from '@rr/domain';
import { ApiZodBody, ApiZodQuery, SignedIn, ZodPipe } from '@rr/server/http';
import type { AuthedRequest } from '@rr/server/identity';
import { z } from 'zod';
import { NotificationsService, NotifyResult } from '../notifications.service';
import { PreferencesService } from '../preferences/preferences.service';
import { InboxService } from './inbox.service';

const uuid = z.uuid();

/** A malformed id names nothing: answered like an unknown one, before it reaches PostgreSQL. */
function notificationId(value: string): string {
  if (!uuid.safeParse(value).success) throw new AppError('NOTIFICATION_NOT_FOUND', 'not_found');
  return value;
}

function me(req: AuthedRequest) {
  if (!req.session) throw new AppError('AUTH_REQUIRED', 'unauthenticated');
  return req.session.user;
}

/** The signed-in user's inbox (the web's bell and list page) and notification preferences. */
@ApiTags('notifications')
@Controller('notifications')
@SignedIn()
export class NotificationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly preferences: PreferencesService,
    private readonly notifications: NotificationsService,
  ) {}

  @Get()
  @ApiZodQuery(inboxQuerySchema)
  list(@Req() req: AuthedRequest, @Query(new ZodPipe(inboxQuerySchema)) query: z.output<typeof inboxQuerySchema>): Promise<Page<InboxItem>> {
    const user = me(req);
    return this.inbox.list(user.id, user.locale, query);
  }

  @Get('unread-count')
  unreadCount(@Req() req: AuthedRequest): Promise<UnreadCount> {
    return this.inbox.unreadCount(me(req).id);
  }

  @Post('read-all')
  @HttpCode(200)
  markAllRead(@Req() req: AuthedRequest): Promise<MarkAllReadResult> {
    return this.inbox.markAllRead(me(req).id);
  }

  @Post(':id/read')
  @HttpCode(204)
  markRead(@Req() req: AuthedRequest, @Param('id') id: string): Promise<void> {
    return this.inbox.markRead(me(req).id, notificationId(id));
  }

  @Get('preferences')
  getPreferences(@Req() req: AuthedRequest): Promise<NotificationPreferences> {
    return this.preferences.get(me(req));
  }

  @Put('preferences')
  @ApiZodBody(updateNotificationPreferencesSchema)
  updatePreferences(@Req() req: AuthedRequest, @Body(new ZodPipe(updateNotificationPreferencesSchema)) body: UpdateNotificationPreferences): Promise<NotificationPreferences> {
    return this.preferences.update(me(req), body);
  }

  /** Sends the caller a test notification on every channel they can receive (settings page). */
  @Post('test')
  @HttpCode(202)
  sendTest(@Req() req: AuthedRequest): Promise<NotifyResult> {
    const user = me(req);
    return this.notifications.notify(user.id, 'system.test', { requestedBy: user.id });
  }
}
