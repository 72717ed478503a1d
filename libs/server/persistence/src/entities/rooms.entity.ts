import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
