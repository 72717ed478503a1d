import { Injectable } from '@nestjs/common';
import type { InboxItem, InboxQuery, Locale, MarkAllReadResult, NotificationPayloads, NotificationType, Page, UnreadCount } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { renderNotification } from '../templates/notification-templates';
import { InboxRepository, InboxRow } from './inbox.repository';

export function toInboxItem(row: InboxRow, locale: Locale): InboxItem {
  const rendered = renderNotification(row.type, row.payload as NotificationPayloads[NotificationType], locale);
  return {
    id: row.id,
    type: row.type,
    title: rendered.title,
    body: rendered.body,
    link: rendered.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}

/** The signed-in user's in-app inbox, rendered in their language. */
@Injectable()
export class InboxService {
  constructor(private readonly repo: InboxRepository) {}

  async list(userId: string, locale: Locale, query: InboxQuery): Promise<Page<InboxItem>> {
    const { rows, total } = await this.repo.list(userId, query.unreadOnly, query.limit, query.offset);
    return { items: rows.map((r) => toInboxItem(r, locale)), total, limit: query.limit, offset: query.offset };
  }

  async unreadCount(userId: string): Promise<UnreadCount> {
    return { count: await this.repo.unreadCount(userId) };
  }

  async markRead(userId: string, id: string): Promise<void> {
    if (!(await this.repo.markRead(userId, id))) throw new AppError('NOTIFICATION_NOT_FOUND', 'not_found');
  }

  async markAllRead(userId: string): Promise<MarkAllReadResult> {
    return { updated: await this.repo.markAllRead(userId) };
  }
}
