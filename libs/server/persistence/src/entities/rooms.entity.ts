import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from './organisation.entity';

// Meeting spaces (会議室・会議スペース): rooms, room blocks and room bookings. The migration
// 1795300005000-AddRooms is the source of truth; the decorators mirror its named constraints so
// `migration:generate --check` can detect drift. ADR 0012 explains the model.

export const ROOM_TYPES = ['meeting_room', 'open_space', 'web_booth'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];
export const ROOM_BOOKING_STATUSES = ['active', 'cancelled', 'released'] as const;
export type RoomBookingStatus = (typeof ROOM_BOOKING_STATUSES)[number];

/** The exclusion constraint a 23P01 on room_bookings names (mapped to 409 ROOM_BOOKING_CONFLICT). */
export const ROOM_BOOKING_EXCLUSION = 'EX_room_bookings_no_overlap';

@Entity({ name: 'rooms' })
@Check('CK_rooms_type', `type IN ('meeting_room','open_space','web_booth')`)
@Check('CK_rooms_capacity', `capacity BETWEEN 1 AND 500`)
@Check(
  'CK_rooms_hours',
  `bookable_from_minute >= 0 AND bookable_until_minute <= 1440 AND bookable_from_minute < bookable_until_minute AND bookable_from_minute % 15 = 0 AND bookable_until_minute % 15 = 0`,
)
@Check('CK_rooms_duration', `max_duration_minutes >= 15 AND max_duration_minutes % 15 = 0`)
@Check('CK_rooms_horizon', `horizon_months BETWEEN 1 AND 12`)
@Index('UQ_rooms_building_name', ['building', 'name'], { unique: true })
@Index('IDX_rooms_floor', ['building', 'floor'])
export class RoomEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_rooms' }) id!: string;
  /** 本庁舎, 別館… */
  @Column({ type: 'varchar', length: 100 }) building!: string;
  /** Storey; basements are negative (B1 = -1). */
  @Column({ type: 'smallint' }) floor!: number;
  /** The air-conditioning zone (e.g. 3F-east); a plain code until the AC feature adds its zone table. */
  @Column({ name: 'zone_code', type: 'varchar', length: 32 }) zoneCode!: string;
  @Column({ type: 'varchar', length: 16 }) type!: RoomType;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  /** 定員 */
  @Column({ type: 'smallint' }) capacity!: number;
  @Column({ name: 'has_monitor', type: 'boolean', default: false }) hasMonitor!: boolean;
  @Column({ name: 'has_camera', type: 'boolean', default: false }) hasCamera!: boolean;
  @Column({ name: 'has_microphone', type: 'boolean', default: false }) hasMicrophone!: boolean;
  /** オンライン会議対応 (Web会議) */
  @Column({ name: 'has_web_meeting', type: 'boolean', default: false }) hasWebMeeting!: boolean;
  /** Tokyo minute of day bookings may start from (default 480 = 08:00). */
  @Column({ name: 'bookable_from_minute', type: 'int', default: 480 }) bookableFromMinute!: number;
  /** Tokyo minute of day bookings must end by (default 1200 = 20:00). */
  @Column({ name: 'bookable_until_minute', type: 'int', default: 1200 }) bookableUntilMinute!: number;
  @Column({ name: 'max_duration_minutes', type: 'int', default: 240 }) maxDurationMinutes!: number;
  @Column({ name: 'horizon_months', type: 'int', default: 3 }) horizonMonths!: number;
  /** Marked for lottery windows (later); first-come booking is unaffected for now. */
  @Column({ name: 'high_demand', type: 'boolean', default: false }) highDemand!: boolean;
  @Column({ type: 'varchar', length: 1000, default: '' }) notes!: string;
  /** Inactive rooms stay in history but cannot be booked or found. */
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A period a room cannot be booked (工事, 点検, 庁内行事), [starts_at, ends_at). */
@Entity({ name: 'room_blocks' })
@Check('CK_room_blocks_range', `ends_at > starts_at`)
@Index('IDX_room_blocks_room', ['roomId', 'startsAt'])
export class RoomBlockEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_room_blocks' }) id!: string;
  @Column({ name: 'room_id', type: 'uuid' }) roomId!: string;
  @ManyToOne(() => RoomEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'FK_room_blocks_room' })
  room?: RoomEntity;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ type: 'varchar', length: 200 }) reason!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_room_blocks_created_by' })
  creator?: UserEntity;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * A first-come booking of one room over [starts_at, ends_at) on the 15-minute grid. `organiser_id`
 * is the 利用責任者; `booked_by` who entered it (a secretary may book for a manager). The exclusion
 * constraint makes two active bookings of one room overlap impossible.
 */
@Entity({ name: 'room_bookings' })
@Check('CK_room_bookings_range', `ends_at > starts_at`)
@Check('CK_room_bookings_grid', `extract(epoch FROM starts_at)::bigint % 900 = 0 AND extract(epoch FROM ends_at)::bigint % 900 = 0`)
@Check('CK_room_bookings_status', `status IN ('active','cancelled','released')`)
@Check('CK_room_bookings_attendees', `attendees BETWEEN 1 AND 500`)
@Exclusion(ROOM_BOOKING_EXCLUSION, `USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'active')`)
@Index('IDX_room_bookings_organiser', ['organiserId', 'startsAt'])
@Index('IDX_room_bookings_booked_by', ['bookedBy', 'startsAt'])
@Index('IDX_room_bookings_starts_at', ['startsAt'])
@Check('CK_room_bookings_series', `(series_id IS NULL) = (occurrence_date IS NULL)`)
@Index('IDX_room_bookings_series', ['seriesId', 'occurrenceDate'], { where: `series_id IS NOT NULL` })
@Index('IDX_room_bookings_release', ['startsAt'], { where: `status = 'active' AND check_in_required AND checked_in_at IS NULL` })
export class RoomBookingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_room_bookings' }) id!: string;
  @Column({ name: 'room_id', type: 'uuid' }) roomId!: string;
  @ManyToOne(() => RoomEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'FK_room_bookings_room' })
  room?: RoomEntity;
  /** 件名 */
  @Column({ type: 'varchar', length: 200 }) title!: string;
  /** 利用責任者 */
  @Column({ name: 'organiser_id', type: 'uuid' }) organiserId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organiser_id', foreignKeyConstraintName: 'FK_room_bookings_organiser' })
  organiser?: UserEntity;
  @Column({ name: 'booked_by', type: 'uuid' }) bookedBy!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booked_by', foreignKeyConstraintName: 'FK_room_bookings_booked_by' })
  booker?: UserEntity;
  @Column({ type: 'smallint' }) attendees!: number;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: RoomBookingStatus;
  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' }) statusChangedAt!: Date;
  /** The series this occurrence belongs to (migration 8000, ADR 0017), with its Tokyo occurrence date. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true }) seriesId!: string | null;
  @Column({ name: 'occurrence_date', type: 'date', nullable: true }) occurrenceDate!: string | null;
  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true }) checkedInAt!: Date | null;
  @Column({ name: 'checked_in_by', type: 'uuid', nullable: true }) checkedInBy!: string | null;
  /** False only for bookings that existed before check-in did: never released as no-shows. */
  @Column({ name: 'check_in_required', type: 'boolean', default: true }) checkInRequired!: boolean;
  /** Runs past the zone's AC hours or on a closed day (a room_ac_needs row records the extension). */
  @Column({ name: 'ac_extension_needed', type: 'boolean', default: false }) acExtensionNeeded!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A recurring booking rule (ADR 0017): RRULE over Tokyo dates, one wall-clock time range. */
@Entity({ name: 'room_series' })
@Check('CK_room_series_minutes', `start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute AND start_minute % 15 = 0 AND end_minute % 15 = 0`)
@Check('CK_room_series_attendees', `attendees BETWEEN 1 AND 500`)
@Index('IDX_room_series_organiser', ['organiserId'])
export class RoomSeriesEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_room_series' }) id!: string;
  @Column({ name: 'room_id', type: 'uuid' }) roomId!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ name: 'organiser_id', type: 'uuid' }) organiserId!: string;
  @Column({ name: 'booked_by', type: 'uuid' }) bookedBy!: string;
  @Column({ type: 'smallint' }) attendees!: number;
  /** The RRULE line without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10. */
  @Column({ type: 'varchar', length: 500 }) rrule!: string;
  /** DTSTART: the first occurrence's Tokyo date. */
  @Column({ name: 'first_date', type: 'date' }) firstDate!: string;
  @Column({ name: 'start_minute', type: 'int' }) startMinute!: number;
  @Column({ name: 'end_minute', type: 'int' }) endMinute!: number;
  @Column({ name: 'skip_closed_days', type: 'boolean', default: true }) skipClosedDays!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const ROOM_AC_NEED_STATUSES = ['open', 'void', 'requested'] as const;
export type RoomAcNeedStatus = (typeof ROOM_AC_NEED_STATUSES)[number];

/** An after-hours AC extension a room booking needs (ADR 0017); the AC feature picks up `open` rows. */
@Entity({ name: 'room_ac_needs' })
@Index('IDX_room_ac_needs_open', ['zoneCode', 'date'], { where: `status = 'open'` })
@Check('CK_room_ac_needs_status', `status IN ('open','void','requested')`)
@Check('CK_room_ac_needs_minutes', `start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute`)
export class RoomAcNeedEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_room_ac_needs' }) id!: string;
  @Column({ name: 'booking_id', type: 'uuid', unique: true }) bookingId!: string;
  @Column({ name: 'zone_code', type: 'varchar', length: 32 }) zoneCode!: string;
  @Column({ type: 'date' }) date!: string;
  @Column({ name: 'start_minute', type: 'int' }) startMinute!: number;
  @Column({ name: 'end_minute', type: 'int' }) endMinute!: number;
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: RoomAcNeedStatus;
  @Column({ name: 'ac_request_id', type: 'uuid', nullable: true }) acRequestId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The rooms feature's settings, one row (id = 1). */
@Entity({ name: 'room_settings' })
@Check('CK_room_settings_single', `id = 1`)
@Check('CK_room_settings_check_in', `check_in_opens_minutes BETWEEN 0 AND 120 AND release_after_minutes BETWEEN 5 AND 240`)
@Check('CK_room_settings_ac_end', `ac_end_minute BETWEEN 0 AND 1440`)
export class RoomSettingsEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_room_settings' }) id!: number;
  /** Check-in opens this many minutes before the start. */
  @Column({ name: 'check_in_opens_minutes', type: 'int', default: 10 }) checkInOpensMinutes!: number;
  /** No check-in by start + this many minutes → released (and check-in closes). */
  @Column({ name: 'release_after_minutes', type: 'int', default: 15 }) releaseAfterMinutes!: number;
  /** Default end of the AC's normal hours on business days (Tokyo minute; 1035 = 17:15). */
  @Column({ name: 'ac_end_minute', type: 'int', default: 1035 }) acEndMinute!: number;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A private, revocable token for a user's or a room's ICS feed (ADR 0017). */
@Entity({ name: 'calendar_feed_tokens' })
@Check('CK_calendar_feed_tokens_owner', `(kind = 'user' AND user_id IS NOT NULL AND room_id IS NULL) OR (kind = 'room' AND room_id IS NOT NULL AND user_id IS NULL)`)
@Index('UQ_calendar_feed_tokens_live_user', ['userId'], { unique: true, where: `kind = 'user' AND revoked_at IS NULL` })
@Index('UQ_calendar_feed_tokens_live_room', ['roomId'], { unique: true, where: `kind = 'room' AND revoked_at IS NULL` })
export class CalendarFeedTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_calendar_feed_tokens' }) id!: string;
  @Column({ type: 'varchar', length: 8 }) kind!: 'user' | 'room';
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  @Column({ name: 'room_id', type: 'uuid', nullable: true }) roomId!: string | null;
  @Column({ type: 'varchar', length: 64, unique: true }) token!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
