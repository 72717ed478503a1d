import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from './organisation.entity';

/**
 * A reminder due at an instant: the scan job turns due rows into notifications through `notify()`
 * in the same transaction that marks them sent. Features schedule and cancel them in the same
 * transaction as their own change, keyed by `idempotencyKey` (e.g. `booking-start:<id>:<user>`).
 */
@Entity({ name: 'reminders' })
@Index('UQ_reminders_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('IDX_reminders_due', ['dueAt'], { where: `status = 'scheduled'` })
@Check('CK_reminders_status', `status IN ('scheduled','sent','cancelled')`)
export class ReminderEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_reminders' }) id!: string;
  @Column({ type: 'varchar', length: 64 }) type!: string;
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'FK_reminders_recipient' })
  recipient?: UserEntity;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` }) payload!: Record<string, unknown>;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 16, default: 'scheduled' }) status!: 'scheduled' | 'sent' | 'cancelled';
  @Column({ name: 'notification_id', type: 'uuid', nullable: true }) notificationId!: string | null;
  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true }) firedAt!: Date | null;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 200, nullable: true }) cancelReason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
