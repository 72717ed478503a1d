import { Injectable } from '@nestjs/common';
import type { QueuedChannel } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';

export interface OutboxRow {
  deliveryId: string;
  notificationId: string;
  channel: QueuedChannel;
  gen: number;
  maxAttempts: number;
}

interface RawOutboxRow {
  id: string;
  notification_id: string;
  channel: QueuedChannel;
  gen: number;
  max_attempts: number;
}

const toRow = (r: RawOutboxRow): OutboxRow => ({ deliveryId: String(r.id), notificationId: r.notification_id, channel: r.channel, gen: r.gen, maxAttempts: r.max_attempts });

/** The relay's and the sweep's queries over notification_deliveries. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Locks up to `limit` due pending rows, skipping rows another relay holds. Call inside
   * `TransactionHost.run`, enqueue, then `markQueued` before the transaction ends.
   */
  async lockDue(limit: number): Promise<OutboxRow[]> {
    const rows: RawOutboxRow[] = await this.tx.manager.query(
      `SELECT id::text, notification_id, channel, gen, max_attempts FROM notification_deliveries
        WHERE status = 'pending' AND available_at <= now()
        ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(toRow);
  }

  /**
   * Marks rows queued. The relay's transaction commits asynchronously: if a PostgreSQL crash loses the
   * mark, the rows are pending again and are enqueued once more under the same job ids, which BullMQ
   * and the sender's claim both de-duplicate.
   */
  async markQueued(deliveryIds: readonly string[]): Promise<void> {
    await this.tx.manager.query(
      `WITH m AS (
         UPDATE notification_deliveries SET status = 'queued', queued_at = now(), updated_at = now()
          WHERE id = ANY($1::bigint[]) AND status = 'pending' RETURNING 1
       )
       SELECT set_config('synchronous_commit', 'off', true), (SELECT count(*) FROM m)`,
      [deliveryIds],
    );
  }

  /**
   * Senders that lost their lease (process killed, frozen past the lease): the attempt is recorded as
   * abandoned and the row goes back to pending under a new generation (or dead when out of attempts).
   */
  async expireLeases(limit: number): Promise<number> {
    const rows = await this.tx.manager.query(
      `WITH x AS (
         SELECT id FROM notification_deliveries WHERE status = 'sending' AND lease_until < now()
          ORDER BY lease_until LIMIT $1 FOR UPDATE SKIP LOCKED
       ), d AS (
         UPDATE notification_deliveries nd
            SET status = CASE WHEN nd.attempts >= nd.max_attempts THEN 'dead' ELSE 'pending' END,
                dead_at = CASE WHEN nd.attempts >= nd.max_attempts THEN now() END,
                gen = nd.gen + 1, available_at = now(), lease_until = NULL, lease_token = NULL,
                last_error = 'sender lost its lease (worker stopped or too slow)', updated_at = now()
           FROM x WHERE nd.id = x.id
         RETURNING nd.id, nd.attempts
       )
       INSERT INTO notification_attempts (delivery_id, attempt_no, outcome, error, started_at)
       SELECT id, attempts, 'abandoned', 'sender lost its lease (worker stopped or too slow)', now() FROM d
       ON CONFLICT (delivery_id, attempt_no) DO NOTHING
       RETURNING delivery_id`,
      [limit],
    );
    return rows.length;
  }

  /** Rows queued longer than `olderThanMs` ago: their job may be lost; the sweep checks each one. */
  async staleQueued(olderThanMs: number, limit: number): Promise<OutboxRow[]> {
    const rows: RawOutboxRow[] = await this.tx.manager.query(
      `SELECT id::text, notification_id, channel, gen, max_attempts FROM notification_deliveries
        WHERE status = 'queued' AND queued_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY queued_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map(toRow);
  }

  /** Back to pending under a new generation: the old job, if it ever runs, finds nothing to claim. */
  async requeue(rows: readonly OutboxRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [, count]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE notification_deliveries d SET status = 'pending', gen = d.gen + 1, available_at = now(), updated_at = now()
         FROM unnest($1::bigint[], $2::int[]) AS x(id, gen)
        WHERE d.id = x.id AND d.gen = x.gen AND d.status = 'queued'`,
      [rows.map((r) => r.deliveryId), rows.map((r) => r.gen)],
    );
    return count;
  }

  /** The job exists and will run: check again after another staleness period. */
  async touchQueued(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.tx.manager.query(`UPDATE notification_deliveries SET queued_at = now() WHERE id = ANY($1::bigint[]) AND status = 'queued'`, [deliveryIds]);
  }
}
