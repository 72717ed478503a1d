import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// 車庫窓口 (issue #5, ADR 0013): the migration 1795300006000-AddGarageCounter is the source of truth
// (triggers, foreign keys); these classes mirror its columns and named checks. Records are
// append-only: the repositories only ever INSERT them.

export const DETECTOR_STATUSES = ['active', 'retired'] as const;
export const INSPECTION_KINDS = ['daily', 'weekly'] as const;
export const CHECK_PHASES = ['pre', 'post'] as const;
export const CHECK_METHODS = ['face_to_face', 'remote'] as const;
export const HANDOVER_KINDS = ['check_out', 'return'] as const;
export const FUEL_LEVELS = ['full', '3/4', '1/2', '1/4', 'empty'] as const;

/** Settings of the counter (設定値). One row, id = 1. */
@Entity({ name: 'garage_settings' })
@Check('CK_garage_settings_singleton', `id = 1`)
export class GarageSettingsEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_garage_settings' }) id!: number;
  @Column({ name: 'no_show_minutes', type: 'int', default: 30 }) noShowMinutes!: number;
  @Column({ name: 'one_check_per_day', type: 'boolean', default: false }) oneCheckPerDay!: boolean;
  @Column({ name: 'late_return_grace_minutes', type: 'int', default: 15 }) lateReturnGraceMinutes!: number;
  @Column({ name: 'damage_block_days', type: 'int', default: 7 }) damageBlockDays!: number;
  @Column({ name: 'weekly_inspection_days', type: 'int', default: 7 }) weeklyInspectionDays!: number;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** 検知器台帳: one alcohol detector. */
@Entity({ name: 'alcohol_detectors' })
@Check('CK_alcohol_detectors_status', `status IN ('active','retired')`)
export class AlcoholDetectorEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_alcohol_detectors' }) id!: string;
  @Index('UQ_alcohol_detectors_serial', { unique: true })
  @Column({ name: 'serial_number', type: 'varchar', length: 64 })
  serialNumber!: string;
  @Column({ type: 'varchar', length: 100, default: '' }) model!: string;
  @Column({ type: 'varchar', length: 100 }) location!: string;
  @Column({ name: 'valid_until', type: 'date', nullable: true }) validUntil!: string | null;
  @Column({ name: 'max_uses', type: 'int', nullable: true }) maxUses!: number | null;
  @Column({ name: 'use_count', type: 'int', default: 0 }) useCount!: number;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: (typeof DETECTOR_STATUSES)[number];
  @Column({ type: 'varchar', length: 1000, default: '' }) notes!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** 検知器点検記録 (daily: power, damage; weekly: also detects alcohol, no false positive). Append-only. */
@Entity({ name: 'detector_inspections' })
export class DetectorInspectionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_detector_inspections' }) id!: string;
  @Column({ name: 'detector_id', type: 'uuid' }) detectorId!: string;
  @Column({ type: 'varchar', length: 8 }) kind!: (typeof INSPECTION_KINDS)[number];
  @Column({ name: 'inspected_at', type: 'timestamptz' }) inspectedAt!: Date;
  @Column({ name: 'inspector_id', type: 'uuid' }) inspectorId!: string;
  @Column({ name: 'inspector_name', type: 'varchar', length: 100 }) inspectorName!: string;
  @Column({ name: 'power_ok', type: 'boolean' }) powerOk!: boolean;
  @Column({ name: 'no_damage', type: 'boolean' }) noDamage!: boolean;
  @Column({ name: 'detects_alcohol', type: 'boolean', nullable: true }) detectsAlcohol!: boolean | null;
  @Column({ name: 'no_false_positive', type: 'boolean', nullable: true }) noFalsePositive!: boolean | null;
  @Column({ type: 'boolean' }) passed!: boolean;
  @Column({ type: 'varchar', length: 1000, default: '' }) notes!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** 酒気帯び確認の記録 (the legal items of 第9条の10 第7号 and more). Append-only; corrections reference the old row. */
@Entity({ name: 'alcohol_checks' })
@Check('CK_alcohol_checks_reading', `reading_mg_l >= 0 AND reading_mg_l <= 5`)
export class AlcoholCheckEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_alcohol_checks' }) id!: string;
  @Column({ type: 'varchar', length: 8 }) phase!: (typeof CHECK_PHASES)[number];
  @Column({ name: 'booking_id', type: 'uuid', nullable: true }) bookingId!: string | null;
  @Column({ name: 'driver_id', type: 'uuid' }) driverId!: string;
  @Column({ name: 'driver_name', type: 'varchar', length: 100 }) driverName!: string;
  @Column({ name: 'checker_id', type: 'uuid' }) checkerId!: string;
  @Column({ name: 'checker_name', type: 'varchar', length: 100 }) checkerName!: string;
  @Column({ name: 'car_id', type: 'uuid', nullable: true }) carId!: string | null;
  @Column({ name: 'plate_number', type: 'varchar', length: 40, default: '' }) plateNumber!: string;
  @Column({ name: 'checked_at', type: 'timestamptz' }) checkedAt!: Date;
  @Column({ type: 'varchar', length: 16 }) method!: (typeof CHECK_METHODS)[number];
  @Column({ name: 'remote_means', type: 'varchar', length: 200, default: '' }) remoteMeans!: string;
  @Column({ name: 'detector_id', type: 'uuid' }) detectorId!: string;
  @Column({ name: 'detector_serial', type: 'varchar', length: 64 }) detectorSerial!: string;
  @Column({ name: 'reading_mg_l', type: 'numeric', precision: 4, scale: 2 }) readingMgL!: string;
  @Column({ name: 'face_colour_ok', type: 'boolean' }) faceColourOk!: boolean;
  @Column({ name: 'breath_smell_ok', type: 'boolean' }) breathSmellOk!: boolean;
  @Column({ name: 'voice_ok', type: 'boolean' }) voiceOk!: boolean;
  @Column({ name: 'alcohol_detected', type: 'boolean' }) alcoholDetected!: boolean;
  @Column({ name: 'fit_to_drive', type: 'boolean' }) fitToDrive!: boolean;
  @Column({ type: 'varchar', length: 1000, default: '' }) instructions!: string;
  @Column({ type: 'varchar', length: 1000, default: '' }) notes!: string;
  @Column({ name: 'corrects_id', type: 'uuid', nullable: true }) correctsId!: string | null;
  @Column({ name: 'correction_reason', type: 'varchar', length: 500, nullable: true }) correctionReason!: string | null;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** 鍵の貸出 / 鍵の返却: one of each per booking. Append-only. */
@Entity({ name: 'key_handovers' })
@Index('UQ_key_handovers_booking_kind', ['bookingId', 'kind'], { unique: true })
export class KeyHandoverEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_key_handovers' }) id!: string;
  @Column({ name: 'booking_id', type: 'uuid' }) bookingId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: (typeof HANDOVER_KINDS)[number];
  @Column({ name: 'car_id', type: 'uuid' }) carId!: string;
  @Column({ name: 'driver_id', type: 'uuid' }) driverId!: string;
  @Column({ type: 'boolean', default: false }) substitute!: boolean;
  @Column({ name: 'alcohol_check_id', type: 'uuid', nullable: true }) alcoholCheckId!: string | null;
  @Column({ name: 'handled_by', type: 'uuid' }) handledBy!: string;
  @Column({ name: 'handled_at', type: 'timestamptz' }) handledAt!: Date;
  @Column({ name: 'odometer_km', type: 'int' }) odometerKm!: number;
  @Column({ name: 'fuel_level', type: 'varchar', length: 8 }) fuelLevel!: (typeof FUEL_LEVELS)[number];
  @Column({ name: 'etc_card', type: 'boolean', default: false }) etcCard!: boolean;
  @Column({ type: 'varchar', length: 1000, default: '' }) defects!: string;
  @Column({ type: 'boolean', default: false }) damage!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** 運転日誌: filled from the booking and completed at return. Append-only; corrections reference the old row. */
@Entity({ name: 'driving_logs' })
export class DrivingLogEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_driving_logs' }) id!: string;
  @Column({ name: 'booking_id', type: 'uuid' }) bookingId!: string;
  @Column({ name: 'car_id', type: 'uuid' }) carId!: string;
  @Column({ name: 'plate_number', type: 'varchar', length: 40 }) plateNumber!: string;
  @Column({ name: 'driver_id', type: 'uuid' }) driverId!: string;
  @Column({ name: 'driver_name', type: 'varchar', length: 100 }) driverName!: string;
  @Column({ name: 'section_name', type: 'varchar', length: 100, default: '' }) sectionName!: string;
  @Column({ name: 'departed_at', type: 'timestamptz' }) departedAt!: Date;
  @Column({ name: 'returned_at', type: 'timestamptz' }) returnedAt!: Date;
  @Column({ type: 'varchar', length: 200 }) destination!: string;
  @Column({ type: 'varchar', length: 200 }) purpose!: string;
  @Column({ type: 'smallint', default: 0 }) passengers!: number;
  @Column({ name: 'odometer_start', type: 'int' }) odometerStart!: number;
  @Column({ name: 'odometer_end', type: 'int' }) odometerEnd!: number;
  @Column({ name: 'distance_km', type: 'int', insert: false, update: false, generatedType: 'STORED', asExpression: 'odometer_end - odometer_start' })
  distanceKm!: number;
  @Column({ name: 'fuel_litres', type: 'numeric', precision: 6, scale: 2, nullable: true }) fuelLitres!: string | null;
  @Column({ name: 'fuel_cost_yen', type: 'int', nullable: true }) fuelCostYen!: number | null;
  @Column({ name: 'etc_used', type: 'boolean', default: false }) etcUsed!: boolean;
  @Column({ type: 'varchar', length: 1000, default: '' }) defects!: string;
  @Column({ type: 'varchar', length: 1000, default: '' }) notes!: string;
  @Column({ name: 'pre_check_id', type: 'uuid', nullable: true }) preCheckId!: string | null;
  @Column({ name: 'post_check_id', type: 'uuid', nullable: true }) postCheckId!: string | null;
  @Column({ name: 'corrects_id', type: 'uuid', nullable: true }) correctsId!: string | null;
  @Column({ name: 'correction_reason', type: 'varchar', length: 500, nullable: true }) correctionReason!: string | null;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export const GARAGE_ENTITIES: Array<new () => object> = [
  GarageSettingsEntity,
  AlcoholDetectorEntity,
  DetectorInspectionEntity,
  AlcoholCheckEntity,
  KeyHandoverEntity,
  DrivingLogEntity,
];
