import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from './organisation.entity';

/**
 * One notification for one recipient: the inbox item (when `inInbox`) and the parent of its queued
 * deliveries. Written by `notify()` in the same transaction as the change that causes it.
 */
@Entity({ name: 'notifications' })
@Index('UQ_notifications_dedupe', ['recipientId', 'dedupeKey'], { unique: true, where: 'dedupe_key IS NOT NULL' })
@Index('IDX_notifications_inbox', ['recipientId', 'createdAt'], { where: 'in_inbox' })
@Index('IDX_notifications_unread', ['recipientId'], { where: 'in_inbox AND read_at IS NULL' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notifications' }) id!: string;
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'FK_notifications_recipient' })
  recipient?: UserEntity;
  @Column({ type: 'varchar', length: 64 }) type!: string;
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` }) payload!: Record<string, unknown>;
  @Column({ name: 'in_inbox', type: 'boolean' }) inInbox!: boolean;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
  /** Set by callers that may repeat (reminders, digests): one notification per recipient and key. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true }) dedupeKey!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export const DELIVERY_STATUS_VALUES = ['pending', 'held', 'queued', 'sending', 'sent', 'dead', 'skipped', 'digested'] as const;
export type DeliveryStatusValue = (typeof DELIVERY_STATUS_VALUES)[number];

/**
 * The outbox: one row per notification and queued channel. A small state machine
 * (pending → queued → sending → sent | dead; held → digested) that the relay, the delivery jobs and
 * the sweep move along with conditional UPDATEs. `gen` is part of the job id and fences out stale jobs.
 */
@Entity({ name: 'notification_deliveries' })
@Index('UQ_notification_deliveries_channel', ['notificationId', 'channel'], { unique: true })
@Index('IDX_notification_deliveries_pending', ['availableAt', 'id'], { where: `status = 'pending'` })
@Index('IDX_notification_deliveries_held', ['availableAt'], { where: `status = 'held'` })
@Index('IDX_notification_deliveries_queued', ['queuedAt'], { where: `status = 'queued'` })
@Index('IDX_notification_deliveries_sending', ['leaseUntil'], { where: `status = 'sending'` })
@Index('IDX_notification_deliveries_dead', ['deadAt'], { where: `status = 'dead'` })
@Check('CK_notification_deliveries_channel', `channel IN ('email','webhook')`)
@Check('CK_notification_deliveries_status', `status IN ('pending','held','queued','sending','sent','dead','skipped','digested')`)
@Check('CK_notification_deliveries_attempts', `attempts >= 0 AND max_attempts >= 1`)
@Check('CK_notification_deliveries_lease', `status <> 'sending' OR (lease_token IS NOT NULL AND lease_until IS NOT NULL)`)
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_notification_deliveries' }) id!: string;
  @Column({ name: 'notification_id', type: 'uuid' }) notificationId!: string;
  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'FK_notification_deliveries_notification' })
  notification?: NotificationEntity;
  @Column({ type: 'varchar', length: 16 }) channel!: 'email' | 'webhook';
  @Column({ type: 'varchar', length: 16 }) status!: DeliveryStatusValue;
  @Column({ type: 'int', default: 0 }) gen!: number;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'max_attempts', type: 'int' }) maxAttempts!: number;
  /** Not before this instant (quiet hours, digest time, retry); the relay only takes due rows. */
  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' }) availableAt!: Date;
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true }) queuedAt!: Date | null;
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true }) leaseUntil!: Date | null;
  /** The claim that is sending (or, on a `sent` row, that sent it: a refusal after the commit point finds it). */
  @Column({ name: 'lease_token', type: 'uuid', nullable: true }) leaseToken!: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  /** The channel's receipt: the e-mail's Message-ID, the webhook's HTTP status, the digest's id. */
  @Column({ type: 'varchar', length: 500, nullable: true }) receipt!: string | null;
  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true }) lastError!: string | null;
  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true }) deadAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Delivery history: one row per attempt (sent, failed, or abandoned by a sender that died). */
@Entity({ name: 'notification_attempts' })
@Index('UQ_notification_attempts_no', ['deliveryId', 'attemptNo'], { unique: true })
@Check('CK_notification_attempts_outcome', `outcome IN ('sent','failed','abandoned')`)
export class NotificationAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_notification_attempts' }) id!: string;
  @Column({ name: 'delivery_id', type: 'bigint' }) deliveryId!: string;
  @ManyToOne(() => NotificationDeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'FK_notification_attempts_delivery' })
  delivery?: NotificationDeliveryEntity;
  @Column({ name: 'attempt_no', type: 'int' }) attemptNo!: number;
  @Column({ type: 'varchar', length: 16 }) outcome!: 'sent' | 'failed' | 'abandoned';
  @Column({ type: 'varchar', length: 500, nullable: true }) receipt!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) error!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', default: () => 'now()' }) finishedAt!: Date;
  @Column({ name: 'worker_id', type: 'varchar', length: 128, nullable: true }) workerId!: string | null;
}

/** Per-user notification settings (one row, created on first change). */
@Entity({ name: 'notification_settings' })
@Check('CK_notification_settings_quiet', `(quiet_start IS NULL) = (quiet_end IS NULL)`)
export class NotificationSettingsEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_notification_settings' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_settings_user' })
  user?: UserEntity;
  /** Tokyo wall-clock 'HH:mm'; the range may cross midnight. */
  @Column({ name: 'quiet_start', type: 'varchar', length: 5, nullable: true }) quietStart!: string | null;
  @Column({ name: 'quiet_end', type: 'varchar', length: 5, nullable: true }) quietEnd!: string | null;
  @Column({ type: 'boolean', default: false }) digest!: boolean;
  @Column({ name: 'webhook_url', type: 'varchar', length: 500, nullable: true }) webhookUrl!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A user's choice for one type and channel; absent = the type's default. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_notification_preferences' }) userId!: string;
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_notification_preferences' }) type!: string;
  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'PK_notification_preferences' }) channel!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_preferences_user' })
  user?: UserEntity;
  @Column({ type: 'boolean' }) enabled!: boolean;
}
