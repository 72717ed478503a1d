import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SectionEntity, UserEntity } from './organisation.entity';

// Official cars (公用車): fleet, driver register, maintenance blocks and bookings. The migration
// 1795300003000-AddFleetDriversCarBookings is the source of truth; the decorators below mirror its
// named constraints so `migration:generate --check` can detect drift. ADR 0007 explains the model.

export const CAR_FUELS = ['gasoline', 'hybrid', 'ev', 'diesel'] as const;
export type CarFuel = (typeof CAR_FUELS)[number];
export const CAR_STATUSES = ['active', 'retired'] as const;
export type CarStatus = (typeof CAR_STATUSES)[number];
export const CAR_BLOCK_KINDS = ['shaken', 'inspection', 'repair', 'other'] as const;
export type CarBlockKind = (typeof CAR_BLOCK_KINDS)[number];
export const CAR_BOOKING_STATUSES = ['provisional', 'confirmed', 'in_use', 'completed', 'cancelled', 'released', 'no_show'] as const;
export type CarBookingStatus = (typeof CAR_BOOKING_STATUSES)[number];
/** Statuses that hold the car and the driver: only these take part in the exclusion constraints. */
export const ACTIVE_CAR_BOOKING_STATUSES = ['provisional', 'confirmed', 'in_use'] as const satisfies readonly CarBookingStatus[];
export const CAR_BOOKING_SOURCES = ['first_come', 'lottery', 'waitlist', 'priority'] as const;
export type CarBookingSource = (typeof CAR_BOOKING_SOURCES)[number];

/** Exclusion constraint names: the service maps a 23P01 on each to its own error code. */
export const CAR_BOOKING_CAR_EXCLUSION = 'EX_car_bookings_car_no_overlap';
export const CAR_BOOKING_DRIVER_EXCLUSION = 'EX_car_bookings_driver_no_overlap';
export const CAR_BLOCK_EXCLUSION = 'EX_car_blocks_no_overlap';

/** A garage (駐車場) where pool cars are parked and keys are handed over, e.g. 勝山地下駐車場. */
@Entity({ name: 'garages' })
export class GarageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_garages' }) id!: string;
  @Index('UQ_garages_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 200, default: '' }) address!: string;
  @Column({ type: 'varchar', length: 1000, default: '' }) notes!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** 車種: reference data seeded by the migration (kei, regular, wagon, ev, truck). */
@Entity({ name: 'car_classes' })
@Check('CK_car_classes_code', `code ~ '^[a-z][a-z0-9_]*$'`)
export class CarClassEntity {
  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'PK_car_classes' }) code!: string;
  @Column({ name: 'name_ja', type: 'varchar', length: 50 }) nameJa!: string;
  @Column({ name: 'name_en', type: 'varchar', length: 50 }) nameEn!: string;
  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder!: number;
}

/** The set of cars one lottery round allocates (default: katsuyama-pool). */
@Entity({ name: 'car_pools' })
export class CarPoolEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_car_pools' }) id!: string;
  @Index('UQ_car_pools_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 500, default: '' }) description!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'cars' })
@Check('CK_cars_seats', `seats BETWEEN 1 AND 30`)
@Check('CK_cars_fuel', `fuel IN ('gasoline','hybrid','ev','diesel')`)
@Check('CK_cars_status', `status IN ('active','retired')`)
@Index('UQ_cars_garage_bay', ['garageId', 'bay'], { unique: true, where: `status = 'active' AND bay <> ''` })
@Index('IDX_cars_pool_class', ['poolId', 'classCode'])
export class CarEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_cars' }) id!: string;
  /** 登録番号, e.g. 「北九州 480 あ 10-01」, stored as entered (normalised spaces). */
  @Index('UQ_cars_plate_number', { unique: true })
  @Column({ name: 'plate_number', type: 'varchar', length: 40 })
  plateNumber!: string;
  @Column({ type: 'varchar', length: 100, default: '' }) model!: string;
  @Column({ name: 'class_code', type: 'varchar', length: 16 }) classCode!: string;
  @ManyToOne(() => CarClassEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'class_code', foreignKeyConstraintName: 'FK_cars_class' })
  carClass?: CarClassEntity;
  @Column({ type: 'smallint' }) seats!: number;
  @Column({ type: 'varchar', length: 16 }) fuel!: CarFuel;
  @Column({ name: 'garage_id', type: 'uuid' }) garageId!: string;
  @ManyToOne(() => GarageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'garage_id', foreignKeyConstraintName: 'FK_cars_garage' })
  garage?: GarageEntity;
  /** 区画, e.g. B1-01. */
  @Column({ type: 'varchar', length: 16, default: '' }) bay!: string;
  @Column({ name: 'pool_id', type: 'uuid' }) poolId!: string;
  @ManyToOne(() => CarPoolEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'FK_cars_pool' })
  pool?: CarPoolEntity;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: CarStatus;
  @Column({ type: 'varchar', length: 1000, default: '' }) notes!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A maintenance block (車検 / 点検 / 修理): the car is out of allocation over [starts_at, ends_at). */
@Entity({ name: 'car_blocks' })
@Check('CK_car_blocks_kind', `kind IN ('shaken','inspection','repair','other')`)
@Check('CK_car_blocks_range', `ends_at > starts_at`)
@Exclusion(CAR_BLOCK_EXCLUSION, `USING gist (car_id WITH =, tstzrange(starts_at, ends_at) WITH &&)`)
export class CarBlockEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_car_blocks' }) id!: string;
  @Column({ name: 'car_id', type: 'uuid' }) carId!: string;
  @ManyToOne(() => CarEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'car_id', foreignKeyConstraintName: 'FK_car_blocks_car' })
  car?: CarEntity;
  @Column({ type: 'varchar', length: 16 }) kind!: CarBlockKind;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  /** Entered as whole Tokyo days (the interval is then 00:00 of the first day to 00:00 after the last). */
  @Column({ name: 'all_day', type: 'boolean', default: false }) allDay!: boolean;
  @Column({ type: 'varchar', length: 200 }) reason!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_car_blocks_created_by' })
  creator?: UserEntity;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** 運転者登録: one row per user allowed to be considered as a driver of official cars. */
@Entity({ name: 'drivers' })
@Check('CK_drivers_approved_at', `NOT approved OR approved_at IS NOT NULL`)
@Check('CK_drivers_licence_number', `licence_number ~ '^[0-9]{12}$'`)
@Check('CK_drivers_first_licensed', `first_licensed_on IS NULL OR first_licensed_on <= licence_expires_on`)
@Index('IDX_drivers_licence_expires_on', ['licenceExpiresOn'])
export class DriverEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_drivers' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_drivers_user' })
  user?: UserEntity;
  /** 免許証番号 (12 digits); optional, masked in lists. */
  @Column({ name: 'licence_number', type: 'varchar', length: 12, nullable: true }) licenceNumber!: string | null;
  /** 有効期限: the last Tokyo date on which the licence is valid. */
  @Column({ name: 'licence_expires_on', type: 'date' }) licenceExpiresOn!: string;
  /** 免許の条件等, e.g. AT限定, 眼鏡等. */
  @Column({ name: 'licence_conditions', type: 'text', array: true, default: () => `'{}'` }) licenceConditions!: string[];
  @Column({ name: 'first_licensed_on', type: 'date', nullable: true }) firstLicensedOn!: string | null;
  /** 公用車運転許可, granted by a garage administrator. */
  @Column({ type: 'boolean', default: false }) approved!: boolean;
  @Column({ name: 'approved_by', type: 'uuid', nullable: true }) approvedBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'approved_by', foreignKeyConstraintName: 'FK_drivers_approved_by' })
  approver?: UserEntity;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt!: Date | null;
  @Column({ type: 'varchar', length: 1000, default: '' }) notes!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * A booking of one car by one driver over [starts_at, ends_at). First-come bookings are written by
 * the cars feature; lottery wins (provisional → confirmed) by the lottery, which links `round_id`.
 * Two exclusion constraints make overlapping active bookings of one car or one driver impossible.
 */
@Entity({ name: 'car_bookings' })
@Check('CK_car_bookings_range', `ends_at > starts_at`)
@Check('CK_car_bookings_grid', `extract(epoch FROM starts_at)::bigint % 900 = 0 AND extract(epoch FROM ends_at)::bigint % 900 = 0`)
@Check('CK_car_bookings_status', `status IN ('provisional','confirmed','in_use','completed','cancelled','released','no_show')`)
@Check('CK_car_bookings_source', `source IN ('first_come','lottery','waitlist','priority')`)
@Check('CK_car_bookings_priority_reason', `source <> 'priority' OR priority_reason IS NOT NULL`)
@Check('CK_car_bookings_passengers', `passengers BETWEEN 0 AND 29`)
@Exclusion(
  CAR_BOOKING_CAR_EXCLUSION,
  `USING gist (car_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status IN ('provisional','confirmed','in_use'))`,
)
@Exclusion(
  CAR_BOOKING_DRIVER_EXCLUSION,
  `USING gist (driver_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status IN ('provisional','confirmed','in_use'))`,
)
@Index('IDX_car_bookings_booked_by', ['bookedBy', 'startsAt'])
@Index('IDX_car_bookings_driver', ['driverId', 'startsAt'])
@Index('IDX_car_bookings_starts_at', ['startsAt'])
@Index('IDX_car_bookings_round', ['roundId'], { where: `round_id IS NOT NULL` })
@Index('IDX_car_bookings_needs_reassignment', ['carId'], { where: `needs_reassignment` })
export class CarBookingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_car_bookings' }) id!: string;
  @Column({ name: 'car_id', type: 'uuid' }) carId!: string;
  @ManyToOne(() => CarEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'car_id', foreignKeyConstraintName: 'FK_car_bookings_car' })
  car?: CarEntity;
  @Column({ name: 'driver_id', type: 'uuid' }) driverId!: string;
  @ManyToOne(() => DriverEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'driver_id', foreignKeyConstraintName: 'FK_car_bookings_driver' })
  driver?: DriverEntity;
  @Column({ name: 'booked_by', type: 'uuid' }) bookedBy!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booked_by', foreignKeyConstraintName: 'FK_car_bookings_booked_by' })
  booker?: UserEntity;
  /** 使用部署: the driver's section when booked. */
  @Column({ name: 'section_id', type: 'uuid' }) sectionId!: string;
  @ManyToOne(() => SectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'section_id', foreignKeyConstraintName: 'FK_car_bookings_section' })
  section?: SectionEntity;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  /** 用務 */
  @Column({ type: 'varchar', length: 200 }) purpose!: string;
  /** 行先 */
  @Column({ type: 'varchar', length: 200 }) destination!: string;
  /** 同乗者数 (the driver not counted). */
  @Column({ type: 'smallint', default: 0 }) passengers!: number;
  /** 県外運行 */
  @Column({ name: 'out_of_prefecture', type: 'boolean', default: false }) outOfPrefecture!: boolean;
  @Column({ type: 'varchar', length: 16 }) source!: CarBookingSource;
  /** The lottery round that produced the booking; no foreign key until the lottery adds its table. */
  @Column({ name: 'round_id', type: 'uuid', nullable: true }) roundId!: string | null;
  @Column({ name: 'priority_reason', type: 'varchar', length: 200, nullable: true }) priorityReason!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: CarBookingStatus;
  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' }) statusChangedAt!: Date;
  /** A maintenance block now covers this booking and no free car of its class could take it. */
  @Column({ name: 'needs_reassignment', type: 'boolean', default: false }) needsReassignment!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Booking rules an administrator may change (設定値). One row, id = 1. */
@Entity({ name: 'car_booking_settings' })
@Check('CK_car_booking_settings_singleton', `id = 1`)
@Check(
  'CK_car_booking_settings_hours',
  `bookable_from_minute >= 0 AND bookable_until_minute <= 1440 AND bookable_from_minute < bookable_until_minute AND bookable_from_minute % 15 = 0 AND bookable_until_minute % 15 = 0`,
)
@Check('CK_car_booking_settings_duration', `max_duration_minutes >= 15 AND max_duration_minutes % 15 = 0`)
@Check('CK_car_booking_settings_horizon', `horizon_months BETWEEN 1 AND 12`)
@Check('CK_car_booking_settings_warning', `expiry_warning_days BETWEEN 0 AND 365`)
export class CarBookingSettingsEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_car_booking_settings' }) id!: number;
  @Column({ name: 'bookable_from_minute', type: 'int', default: 420 }) bookableFromMinute!: number;
  @Column({ name: 'bookable_until_minute', type: 'int', default: 1320 }) bookableUntilMinute!: number;
  @Column({ name: 'max_duration_minutes', type: 'int', default: 4320 }) maxDurationMinutes!: number;
  @Column({ name: 'horizon_months', type: 'int', default: 1 }) horizonMonths!: number;
  @Column({ name: 'expiry_warning_days', type: 'int', default: 30 }) expiryWarningDays!: number;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'FK_car_booking_settings_updated_by' })
  updater?: UserEntity;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
