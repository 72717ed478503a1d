import { Injectable } from '@nestjs/common';
import type { Locale, NotificationType, QueuedChannel } from '@rr/contracts';
import type { PoolClient } from 'pg';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** A delivery a sender holds under a lease, with what it needs to send it. */
export interface ClaimedDelivery {
  deliveryId: string;
  notificationId: string;
  channel: QueuedChannel;
  attemptNo: number;
  maxAttempts: number;
  leaseToken: string;
  startedAt: Date;
  type: NotificationType;
  payload: Record<string, unknown>;
  createdAt: Date;
  recipient: {
    id: string;
    email: string;
    name: string;
    locale: Locale;
    isActive: boolean;
    webhookUrl: string | null;
    quietStart: string | null;
    quietEnd: string | null;
  };
}

export type FailOutcome = 'retry' | 'dead';

// The claim commits asynchronously (set_config(..., is_local) lasts until this statement's implicit
// transaction commits): losing it in a PostgreSQL crash only puts the row back to `queued` before
// anything was sent. COMMIT_SQL, which records `sent`, stays synchronous (ADR 0004).
const CLAIM_SQL = `
  WITH c AS (
    UPDATE notification_deliveries d
       SET status = 'sending', attempts = d.attempts + 1, lease_token = $3::uuid,
           lease_until = now() + make_interval(secs => $4::double precision / 1000), updated_at = now()
     WHERE d.id = $1::bigint AND d.gen = $2::int AND d.channel = $5
       AND ((d.status IN ('pending', 'queued') AND d.available_at <= now())
            OR (d.status = 'sending' AND d.lease_until < now()))
    RETURNING d.id, d.notification_id, d.attempts, d.max_attempts
  )
  SELECT c.id::text AS delivery_id, c.notification_id, c.attempts, c.max_attempts, now() AS started_at,
         n.type, n.payload, n.created_at,
         u.id AS user_id, u.email, u.display_name, u.locale, u.is_active,
         s.webhook_url, s.quiet_start, s.quiet_end,
         -- This statement's own transaction commits without waiting for the WAL flush (see above).
         set_config('synchronous_commit', 'off', true) AS async_commit
    FROM c
    JOIN notifications n ON n.id = c.notification_id
    JOIN users u ON u.id = n.recipient_id
    LEFT JOIN notification_settings s ON s.user_id = u.id`;

// One statement: the row becomes `sent` and its attempt is recorded, or nothing happens (lease lost).
// The lease token stays on the row so that a refusal arriving after the commit point can undo it.
const COMMIT_SQL = `
  WITH d AS (
    UPDATE notification_deliveries
       SET status = 'sent', sent_at = now(), receipt = $3, lease_until = NULL,
           last_error = NULL, updated_at = now()
     WHERE id = $1::bigint AND lease_token = $2::uuid AND status = 'sending'
    RETURNING id, attempts
  )
  INSERT INTO notification_attempts (delivery_id, attempt_no, outcome, receipt, started_at, worker_id)
  SELECT id, attempts, 'sent', $3, $4::timestamptz, $5 FROM d`;

// Also accepts `sent`: a server may refuse the message after the commit point wrote it.
const FAIL_SQL = `
  WITH d AS (
    UPDATE notification_deliveries
       SET status = CASE WHEN $4::boolean OR attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
           dead_at = CASE WHEN $4::boolean OR attempts >= max_attempts THEN now() END,
           last_error = left($3, 1000), sent_at = NULL, receipt = NULL,
           lease_until = NULL, lease_token = NULL, updated_at = now()
     WHERE id = $1::bigint AND lease_token = $2::uuid AND status IN ('sending', 'sent')
    RETURNING id, attempts, status
  ), a AS (
    INSERT INTO notification_attempts (delivery_id, attempt_no, outcome, error, started_at, worker_id)
    SELECT id, attempts, 'failed', left($3, 1000), $5::timestamptz, $6 FROM d
    ON CONFLICT (delivery_id, attempt_no)
      DO UPDATE SET outcome = 'failed', receipt = NULL, error = EXCLUDED.error, finished_at = now()
  )
  SELECT status FROM d`;

const POSTPONE_SQL = `
  UPDATE notification_deliveries
     SET status = 'pending', gen = gen + 1, attempts = attempts - 1, available_at = $3::timestamptz,
         lease_until = NULL, lease_token = NULL, updated_at = now()
   WHERE id = $1::bigint AND lease_token = $2::uuid AND status = 'sending'`;

const SKIP_SQL = `
  UPDATE notification_deliveries
     SET status = 'skipped', attempts = attempts - 1, last_error = left($3, 1000),
         lease_until = NULL, lease_token = NULL, updated_at = now()
   WHERE id = $1::bigint AND lease_token = $2::uuid AND status = 'sending'`;

/**
 * One sender's hold on one PostgreSQL connection for the length of a delivery. The per-message
 * statements are named (prepared once per connection): PostgreSQL would otherwise parse and plan
 * them again for every message. A dedicated client
 * (not the pool's next free one) matters: `commitSent` must put its bytes on the wire synchronously
 * at the SMTP commit point, and a pooled query would first wait for a connection.
 */
export class DeliverySession {
  constructor(
    private readonly client: PoolClient,
    private readonly done: () => Promise<void>,
    private readonly workerId: string,
  ) {}

  async claim(deliveryId: string, gen: number, channel: QueuedChannel, leaseMs: number): Promise<ClaimedDelivery | null> {
    const token = randomUUID();
    const { rows } = await this.client.query({ name: 'rr_delivery_claim', text: CLAIM_SQL, values: [deliveryId, gen, token, leaseMs, channel] });
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      deliveryId: r.delivery_id,
      notificationId: r.notification_id,
      channel,
      attemptNo: r.attempts,
      maxAttempts: r.max_attempts,
      leaseToken: token,
      startedAt: r.started_at,
      type: r.type,
      payload: r.payload ?? {},
      createdAt: r.created_at,
      recipient: {
        id: r.user_id,
        email: r.email,
        name: r.display_name,
        locale: r.locale === 'en' ? 'en' : 'ja',
        isActive: r.is_active,
        webhookUrl: r.webhook_url,
        quietStart: r.quiet_start,
        quietEnd: r.quiet_end,
      },
    };
  }

  /**
   * Marks the delivery sent. The query is written to the socket before this returns (pg writes
   * synchronously on an idle client); await the promise for the outcome: false = the lease was lost.
   */
  commitSent(claim: ClaimedDelivery, receipt: string): Promise<boolean> {
    return this.client
      .query({ name: 'rr_delivery_commit', text: COMMIT_SQL, values: [claim.deliveryId, claim.leaseToken, receipt.slice(0, 500), claim.startedAt, this.workerId] })
      .then((r) => r.rowCount === 1);
  }

  /** Records a failed attempt; the row goes back to `queued` for the queue's retry, or to `dead`. */
  async fail(claim: ClaimedDelivery, error: string, permanent: boolean): Promise<FailOutcome | null> {
    const { rows } = await this.client.query({ name: 'rr_delivery_fail', text: FAIL_SQL, values: [claim.deliveryId, claim.leaseToken, error, permanent, claim.startedAt, this.workerId] });
    if (rows.length === 0) return null;
    return rows[0].status === 'dead' ? 'dead' : 'retry';
  }

  /** Gives the delivery back untried until `until` (quiet hours began since it was queued). */
  async postpone(claim: ClaimedDelivery, until: Date): Promise<void> {
    await this.client.query(POSTPONE_SQL, [claim.deliveryId, claim.leaseToken, until]);
  }

  /** Nothing to send to (user disabled, address or URL removed since): not an error, not retried. */
  async skip(claim: ClaimedDelivery, reason: string): Promise<void> {
    await this.client.query(SKIP_SQL, [claim.deliveryId, claim.leaseToken, reason]);
  }

  release(): Promise<void> {
    return this.done();
  }
}

@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async open(workerId: string): Promise<DeliverySession> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    return new DeliverySession(client, () => runner.release(), workerId);
  }
}
