import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SectionEntity, UserEntity } from './organisation.entity';

// 空調延長 (issue #7): entities of after-hours AC. The migration 1795300007000-AddAcExtension is the
// source of truth (with 1795300010000-AcCancellation); the decorators mirror its named constraints. ADR 0011 (rules), 0015 (model), 0016 (approval).

export const AC_REQUEST_STATUSES = ['submitted', 'endorsed', 'approved', 'rejected', 'sent_back', 'withdrawn', 'cancelled'] as const;
export type AcRequestStatusName = (typeof AC_REQUEST_STATUSES)[number];
export const AC_STEP_ACTIONS = ['submit', 'endorse', 'approve', 'reject', 'send_back', 'withdraw', 'cancel'] as const;
export type AcStepActionName = (typeof AC_STEP_ACTIONS)[number];

@Entity({ name: 'ac_buildings' })
@Index('UQ_ac_buildings_code', ['code'], { unique: true })
export class AcBuildingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ac_buildings' }) id!: string;
  @Column({ type: 'varchar', length: 32 }) code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'ac_floors' })
@Index('UQ_ac_floors_building_level', ['buildingId', 'level'], { unique: true })
@Check('CK_ac_floors_level', `level BETWEEN -10 AND 100`)
export class AcFloorEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ac_floors' }) id!: string;
  @Column({ name: 'building_id', type: 'uuid' }) buildingId!: string;
  @ManyToOne(() => AcBuildingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id', foreignKeyConstraintName: 'FK_ac_floors_building' })
  building?: AcBuildingEntity;
  /** Storey; basements negative (B1 = -1). */
  @Column({ type: 'smallint' }) level!: number;
  @Column({ type: 'varchar', length: 50 }) name!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A zone the building operator switches as one unit (対象区域); rooms name it by `code`. */
@Entity({ name: 'ac_zones' })
@Index('UQ_ac_zones_code', ['code'], { unique: true })
@Index('IDX_ac_zones_floor', ['floorId'])
@Check(
  'CK_ac_zones_business_hours',
  `(business_start_minute IS NULL AND business_end_minute IS NULL) OR (business_start_minute >= 0 AND business_end_minute <= 1440 AND business_start_minute < business_end_minute)`,
)
@Check(
  'CK_ac_zones_closed_hours',
  `(closed_start_minute IS NULL AND closed_end_minute IS NULL) OR (closed_start_minute >= 0 AND closed_end_minute <= 1440 AND closed_start_minute < closed_end_minute)`,
)
export class AcZoneEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ac_zones' }) id!: string;
  @Column({ name: 'floor_id', type: 'uuid' }) floorId!: string;
  @ManyToOne(() => AcFloorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'floor_id', foreignKeyConstraintName: 'FK_ac_zones_floor' })
  floor?: AcFloorEntity;
  @Column({ type: 'varchar', length: 32 }) code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  /** Normal AC hours on business days (開庁日), minutes of the Tokyo day; null = off all day. */
  @Column({ name: 'business_start_minute', type: 'int', nullable: true }) businessStartMinute!: number | null;
  @Column({ name: 'business_end_minute', type: 'int', nullable: true }) businessEndMinute!: number | null;
  /** Normal AC hours on closed days (閉庁日); usually null. */
  @Column({ name: 'closed_start_minute', type: 'int', nullable: true }) closedStartMinute!: number | null;
  @Column({ name: 'closed_end_minute', type: 'int', nullable: true }) closedEndMinute!: number | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One entry of a zone's price history, valid from `validFrom` (Tokyo date) until the next. */
@Entity({ name: 'ac_zone_rates' })
@Check('CK_ac_zone_rates_yen', `yen_per_hour BETWEEN 0 AND 10000000`)
export class AcZoneRateEntity {
  @PrimaryColumn({ name: 'zone_id', type: 'uuid', primaryKeyConstraintName: 'PK_ac_zone_rates' }) zoneId!: string;
  @PrimaryColumn({ name: 'valid_from', type: 'date', primaryKeyConstraintName: 'PK_ac_zone_rates' }) validFrom!: string;
  @ManyToOne(() => AcZoneEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'zone_id', foreignKeyConstraintName: 'FK_ac_zone_rates_zone' })
  zone?: AcZoneEntity;
  @Column({ name: 'yen_per_hour', type: 'int' }) yenPerHour!: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_ac_zone_rates_created_by' })
  creator?: UserEntity;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** The feature's settings (a single row, id = 1). */
@Entity({ name: 'ac_settings' })
@Check('CK_ac_settings_singleton', `id = 1`)
@Check('CK_ac_settings_days', `deadline_business_days BETWEEN 0 AND 20`)
@Check('CK_ac_settings_time', `deadline_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`)
@Check('CK_ac_settings_reminder', `reminder_after_hours BETWEEN 1 AND 720`)
export class AcSettingsEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_ac_settings' }) id!: number;
  @Column({ name: 'deadline_business_days', type: 'int', default: 1 }) deadlineBusinessDays!: number;
  @Column({ name: 'deadline_time', type: 'varchar', length: 5, default: '17:00' }) deadlineTime!: string;
  @Column({ name: 'urgent_reasons', type: 'text', array: true, default: () => `'{council,disaster}'` }) urgentReasons!: string[];
  @Column({ name: 'reminder_after_hours', type: 'int', default: 24 }) reminderAfterHours!: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** 予算額 for after-hours AC per fiscal year (4月–3月), for the year-to-date report. */
@Entity({ name: 'ac_budgets' })
@Check('CK_ac_budgets_yen', `yen >= 0`)
@Check('CK_ac_budgets_year', `fiscal_year BETWEEN 2000 AND 2200`)
export class AcBudgetEntity {
  @PrimaryColumn({ name: 'fiscal_year', type: 'int', primaryKeyConstraintName: 'PK_ac_budgets' }) fiscalYear!: number;
  @Column({ type: 'bigint' }) yen!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** 空調延長申請: one time range over several dates and zones, filed by a staff member for their section. */
@Entity({ name: 'ac_requests' })
@Index('UQ_ac_requests_number', ['number'], { unique: true })
@Index('IDX_ac_requests_applicant', ['applicantId', 'createdAt'])
@Index('IDX_ac_requests_section_status', ['sectionId', 'status'])
@Index('IDX_ac_requests_status_waiting', ['status', 'waitingSince'])
@Check('CK_ac_requests_status', `status IN ('submitted','endorsed','approved','rejected','sent_back','withdrawn','cancelled')`)
@Check('CK_ac_requests_range', `start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute`)
@Check('CK_ac_requests_headcount', `headcount BETWEEN 1 AND 9999`)
@Check('CK_ac_requests_reason', `reason_category IN ('council','disaster','public_meeting','deadline_work','busy_season','holiday_work','other')`)
@Check('CK_ac_requests_cost', `total_minutes > 0 AND total_yen >= 0`)
@Check('CK_ac_requests_version', `version >= 1 AND revision >= 1`)
export class AcRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ac_requests' }) id!: string;
  /** 受付番号 shown to people (identity column). */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', generated: 'identity', insert: false, update: false }) number!: string;
  @Column({ name: 'section_id', type: 'uuid' }) sectionId!: string;
  @ManyToOne(() => SectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'section_id', foreignKeyConstraintName: 'FK_ac_requests_section' })
  section?: SectionEntity;
  @Column({ name: 'applicant_id', type: 'uuid' }) applicantId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_id', foreignKeyConstraintName: 'FK_ac_requests_applicant' })
  applicant?: UserEntity;
  @Column({ type: 'varchar', length: 16 }) status!: AcRequestStatusName;
  /** 1 on first submission, +1 on each resubmission after a send-back. */
  @Column({ type: 'int', default: 1 }) revision!: number;
  /** Optimistic lock: every change increments it; a decision names the version it saw (ADR 0016). */
  @Column({ type: 'int', default: 1 }) version!: number;
  @Column({ name: 'start_minute', type: 'int' }) startMinute!: number;
  @Column({ name: 'end_minute', type: 'int' }) endMinute!: number;
  @Column({ type: 'int' }) headcount!: number;
  @Column({ name: 'reason_category', type: 'varchar', length: 32 }) reasonCategory!: string;
  @Column({ name: 'reason_text', type: 'varchar', length: 500 }) reasonText!: string;
  /** 連絡先 (内線 etc.) */
  @Column({ type: 'varchar', length: 200 }) contact!: string;
  /** Filed after the deadline with an urgent reason (緊急). */
  @Column({ type: 'boolean', default: false }) late!: boolean;
  @Column({ name: 'deadline_at', type: 'timestamptz' }) deadlineAt!: Date;
  @Column({ name: 'first_date', type: 'date' }) firstDate!: string;
  @Column({ name: 'total_minutes', type: 'int' }) totalMinutes!: number;
  @Column({ name: 'total_yen', type: 'bigint' }) totalYen!: string;
  /** A signature on the current revision is a 代決: the bypassed approver gets a 後閲 notice. */
  @Column({ name: 'needs_post_review', type: 'boolean', default: false }) needsPostReview!: boolean;
  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' }) submittedAt!: Date;
  /** Since when it has waited for the current actor (for reminders). */
  @Column({ name: 'waiting_since', type: 'timestamptz', default: () => 'now()' }) waitingSince!: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'ac_request_dates' })
@Index('IDX_ac_request_dates_date', ['date'])
export class AcRequestDateEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid', primaryKeyConstraintName: 'PK_ac_request_dates' }) requestId!: string;
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_ac_request_dates' }) date!: string;
  @ManyToOne(() => AcRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_ac_request_dates_request' })
  request?: AcRequestEntity;
}

@Entity({ name: 'ac_request_zones' })
export class AcRequestZoneEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid', primaryKeyConstraintName: 'PK_ac_request_zones' }) requestId!: string;
  @PrimaryColumn({ name: 'zone_id', type: 'uuid', primaryKeyConstraintName: 'PK_ac_request_zones' }) zoneId!: string;
  @ManyToOne(() => AcRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_ac_request_zones_request' })
  request?: AcRequestEntity;
  @ManyToOne(() => AcZoneEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'zone_id', foreignKeyConstraintName: 'FK_ac_request_zones_zone' })
  zone?: AcZoneEntity;
}

/** The priced (date, zone) lines of the current revision: the cost snapshot. */
@Entity({ name: 'ac_request_lines' })
@Check('CK_ac_request_lines_cost', `minutes > 0 AND yen_per_hour >= 0 AND yen >= 0`)
export class AcRequestLineEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid', primaryKeyConstraintName: 'PK_ac_request_lines' }) requestId!: string;
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_ac_request_lines' }) date!: string;
  @PrimaryColumn({ name: 'zone_id', type: 'uuid', primaryKeyConstraintName: 'PK_ac_request_lines' }) zoneId!: string;
  @ManyToOne(() => AcRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_ac_request_lines_request' })
  request?: AcRequestEntity;
  @ManyToOne(() => AcZoneEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'zone_id', foreignKeyConstraintName: 'FK_ac_request_lines_zone' })
  zone?: AcZoneEntity;
  /** Billed part, e.g. `17:15-19:00` or `07:00-08:30,17:15-20:00`. */
  @Column({ type: 'varchar', length: 100 }) segments!: string;
  @Column({ type: 'int' }) minutes!: number;
  @Column({ name: 'yen_per_hour', type: 'int' }) yenPerHour!: number;
  @Column({ type: 'bigint' }) yen!: string;
}

/** One signature or action on a request (append-only, enforced by a trigger). */
@Entity({ name: 'ac_request_steps' })
@Index('IDX_ac_request_steps_request', ['requestId', 'id'])
@Check('CK_ac_request_steps_action', `action IN ('submit','endorse','approve','reject','send_back','withdraw','cancel')`)
@Check('CK_ac_request_steps_acting', `(acting AND on_behalf_of IS NOT NULL AND on_behalf_of <> actor_id) OR (NOT acting AND on_behalf_of IS NULL)`)
@Check('CK_ac_request_steps_comment', `action NOT IN ('reject','send_back','cancel') OR length(btrim(coalesce(comment, ''))) > 0`)
export class AcRequestStepEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'PK_ac_request_steps' }) id!: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId!: string;
  @ManyToOne(() => AcRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_ac_request_steps_request' })
  request?: AcRequestEntity;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'varchar', length: 16 }) action!: AcStepActionName;
  @Column({ name: 'actor_id', type: 'uuid' }) actorId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_ac_request_steps_actor' })
  actor?: UserEntity;
  /** 代決: decided by a deputy for the absent `onBehalfOf`. */
  @Column({ type: 'boolean', default: false }) acting!: boolean;
  @Column({ name: 'on_behalf_of', type: 'uuid', nullable: true }) onBehalfOf!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'on_behalf_of', foreignKeyConstraintName: 'FK_ac_request_steps_on_behalf_of' })
  principal?: UserEntity;
  @Column({ type: 'varchar', length: 1000, nullable: true }) comment!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A day whose operating instructions (運転指示) changed: `revision` is the sheet's 版数. */
@Entity({ name: 'ac_instruction_days' })
@Check('CK_ac_instruction_days_revision', `revision >= 1`)
export class AcInstructionDayEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_ac_instruction_days' }) date!: string;
  @Column({ type: 'int', default: 1 }) revision!: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const AC_ENTITIES: Array<new () => object> = [
  AcBuildingEntity,
  AcFloorEntity,
  AcZoneEntity,
  AcZoneRateEntity,
  AcSettingsEntity,
  AcBudgetEntity,
  AcRequestEntity,
  AcRequestDateEntity,
  AcRequestZoneEntity,
  AcRequestLineEntity,
  AcRequestStepEntity,
  AcInstructionDayEntity,
];
