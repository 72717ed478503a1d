import { Injectable } from '@nestjs/common';
import type { NotificationType } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';

export interface InboxRow {
  id: string;
  type: NotificationType;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

@Injectable()
export class InboxRepository {
  constructor(private readonly tx: TransactionHost) {}

  async list(userId: string, unreadOnly: boolean, limit: number, offset: number): Promise<{ rows: InboxRow[]; total: number }> {
    const unread = unreadOnly ? 'AND read_at IS NULL' : '';
    const [rows, count]: [InboxRow[], Array<{ n: number }>] = await Promise.all([
      this.tx.manager.query(
        `SELECT id, type, payload, created_at, read_at FROM notifications
          WHERE recipient_id = $1 AND in_inbox ${unread}
          ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [userId, limit, offset],
      ),
      this.tx.manager.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND in_inbox ${unread}`, [userId]),
    ]);
    return { rows, total: count[0].n };
  }

  async unreadCount(userId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND in_inbox AND read_at IS NULL`,
      [userId],
    );
    return rows[0].n;
  }

  /** False when there is no such inbox item for this user (another user's id answers the same). */
  async markRead(userId: string, id: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_id = $2 AND in_inbox`,
      [id, userId],
    );
    return count === 1;
  }

  async markAllRead(userId: string): Promise<number> {
    const [, count]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND in_inbox AND read_at IS NULL`,
      [userId],
    );
    return count;
  }
}
