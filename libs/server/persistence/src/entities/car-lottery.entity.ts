import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CarBookingEntity, CarClassEntity, CarPoolEntity } from './cars.entity';
import { SectionEntity, UserEntity } from './organisation.entity';

// Car lottery rounds (抽選). The migration 1795300004000-AddCarLottery is the source of truth; the
// decorators mirror its named constraints. ADR 0010 explains the state machine and the locking.

export const LOTTERY_ROUND_STATUS_VALUES = ['scheduled', 'open', 'frozen', 'drawn', 'confirming', 'first_come', 'closed'] as const;
export type LotteryRoundStatusValue = (typeof LOTTERY_ROUND_STATUS_VALUES)[number];
export const LOTTERY_ROUND_EXCLUSION = 'EX_car_lottery_rounds_no_overlap';

/** 設定値 of one pool's weekly cycle; days count from the window week's Monday, minutes are Tokyo. */
@Entity({ name: 'car_lottery_settings' })
@Check('CK_car_lottery_settings_minutes', `opens_minute BETWEEN 0 AND 1439 AND closes_minute BETWEEN 0 AND 1439 AND draw_minute BETWEEN 0 AND 1439 AND confirm_minute BETWEEN 0 AND 1439 AND first_come_minute BETWEEN 0 AND 1439`)
@Check(
  'CK_car_lottery_settings_order',
  `opens_day * 1440 + opens_minute < closes_day * 1440 + closes_minute AND closes_day * 1440 + closes_minute <= draw_day * 1440 + draw_minute AND draw_day * 1440 + draw_minute < confirm_day * 1440 + confirm_minute AND confirm_day * 1440 + confirm_minute <= first_come_day * 1440 + first_come_minute`,
)
@Check('CK_car_lottery_settings_limits', `per_user_cap >= 1 AND per_section_cap >= 1 AND period_days >= 1 AND period_offset_days >= 1 AND reminder_minutes_before >= 0 AND create_ahead_days >= 0`)
export class CarLotterySettingsEntity {
  @PrimaryColumn({ name: 'pool_id', type: 'uuid', primaryKeyConstraintName: 'PK_car_lottery_settings' }) poolId!: string;
  @ManyToOne(() => CarPoolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'FK_car_lottery_settings_pool' })
  pool?: CarPoolEntity;
  @Column({ type: 'boolean', default: false }) enabled!: boolean;
  @Column({ name: 'opens_day', type: 'smallint', default: 0 }) opensDay!: number;
  @Column({ name: 'opens_minute', type: 'int', default: 510 }) opensMinute!: number;
  @Column({ name: 'closes_day', type: 'smallint', default: 2 }) closesDay!: number;
  @Column({ name: 'closes_minute', type: 'int', default: 1035 }) closesMinute!: number;
  @Column({ name: 'draw_day', type: 'smallint', default: 3 }) drawDay!: number;
  @Column({ name: 'draw_minute', type: 'int', default: 540 }) drawMinute!: number;
  @Column({ name: 'confirm_day', type: 'smallint', default: 4 }) confirmDay!: number;
  @Column({ name: 'confirm_minute', type: 'int', default: 1035 }) confirmMinute!: number;
  @Column({ name: 'first_come_day', type: 'smallint', default: 7 }) firstComeDay!: number;
  @Column({ name: 'first_come_minute', type: 'int', default: 510 }) firstComeMinute!: number;
  @Column({ name: 'period_offset_days', type: 'smallint', default: 14 }) periodOffsetDays!: number;
  @Column({ name: 'period_days', type: 'smallint', default: 7 }) periodDays!: number;
  @Column({ name: 'per_user_cap', type: 'int', default: 5 }) perUserCap!: number;
  @Column({ name: 'per_section_cap', type: 'int', default: 30 }) perSectionCap!: number;
  @Column({ name: 'reminder_minutes_before', type: 'int', default: 480 }) reminderMinutesBefore!: number;
  @Column({ name: 'create_ahead_days', type: 'int', default: 21 }) createAheadDays!: number;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'FK_car_lottery_settings_updated_by' })
  updater?: UserEntity;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One round: pool × target period, with its schedule, its state and the published evidence. */
@Entity({ name: 'car_lottery_rounds' })
@Check('CK_car_lottery_rounds_status', `status IN ('scheduled','open','frozen','drawn','confirming','first_come','closed')`)
@Check('CK_car_lottery_rounds_period', `period_end > period_start`)
@Check('CK_car_lottery_rounds_schedule', `opens_at < closes_at AND closes_at <= draw_at AND draw_at < confirm_by AND confirm_by <= first_come_at`)
@Check('CK_car_lottery_rounds_commitment', `status = 'scheduled' OR (secret IS NOT NULL AND commitment IS NOT NULL)`)
@Check('CK_car_lottery_rounds_frozen', `status IN ('scheduled','open') OR (input_digest IS NOT NULL AND ticket_digest IS NOT NULL)`)
@Check('CK_car_lottery_rounds_drawn', `status IN ('scheduled','open','frozen') OR (seed IS NOT NULL AND result_digest IS NOT NULL AND external_value IS NOT NULL)`)
@Check(
  'CK_car_lottery_rounds_external_value',
  `(external_value IS NULL) = (external_value_source IS NULL) AND (external_value_source IS NULL OR external_value_source IN ('official','fallback'))`,
)
@Exclusion(LOTTERY_ROUND_EXCLUSION, `USING gist (pool_id WITH =, tstzrange(period_start, period_end) WITH &&)`)
@Index('IDX_car_lottery_rounds_active', ['status'], { where: `status <> 'closed'` })
@Index('IDX_car_lottery_rounds_pool_period', ['poolId', 'periodStart'])
export class CarLotteryRoundEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_car_lottery_rounds' }) id!: string;
  @Column({ name: 'pool_id', type: 'uuid' }) poolId!: string;
  @ManyToOne(() => CarPoolEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'FK_car_lottery_rounds_pool' })
  pool?: CarPoolEntity;
  @Column({ name: 'period_start', type: 'timestamptz' }) periodStart!: Date;
  @Column({ name: 'period_end', type: 'timestamptz' }) periodEnd!: Date;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt!: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt!: Date;
  @Column({ name: 'draw_at', type: 'timestamptz' }) drawAt!: Date;
  @Column({ name: 'confirm_by', type: 'timestamptz' }) confirmBy!: Date;
  @Column({ name: 'first_come_at', type: 'timestamptz' }) firstComeAt!: Date;
  @Column({ name: 'reminder_at', type: 'timestamptz', nullable: true }) reminderAt!: Date | null;
  @Column({ name: 'per_user_cap', type: 'int' }) perUserCap!: number;
  @Column({ name: 'per_section_cap', type: 'int' }) perSectionCap!: number;
  @Column({ type: 'varchar', length: 16, default: 'scheduled' }) status!: LotteryRoundStatusValue;
  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' }) statusChangedAt!: Date;
  /** 32 random bytes (hex), made at opening; revealed only in the draw record. */
  @Column({ type: 'varchar', length: 64, nullable: true }) secret!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) commitment!: string | null;
  @Column({ name: 'external_value', type: 'varchar', length: 1000, nullable: true }) externalValue!: string | null;
  @Column({ name: 'external_value_source', type: 'varchar', length: 16, nullable: true }) externalValueSource!: 'official' | 'fallback' | null;
  @Column({ name: 'external_value_set_by', type: 'uuid', nullable: true }) externalValueSetBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'external_value_set_by', foreignKeyConstraintName: 'FK_car_lottery_rounds_external_value_set_by' })
  externalValueSetter?: UserEntity;
  @Column({ name: 'external_value_set_at', type: 'timestamptz', nullable: true }) externalValueSetAt!: Date | null;
  @Column({ name: 'frozen_at', type: 'timestamptz', nullable: true }) frozenAt!: Date | null;
  @Column({ name: 'frozen_input', type: 'jsonb', nullable: true }) frozenInput!: Record<string, unknown> | null;
  @Column({ name: 'input_digest', type: 'varchar', length: 64, nullable: true }) inputDigest!: string | null;
  @Column({ name: 'ticket_table', type: 'jsonb', nullable: true }) ticketTable!: unknown[] | null;
  @Column({ name: 'ticket_digest', type: 'varchar', length: 64, nullable: true }) ticketDigest!: string | null;
  @Column({ name: 'drawn_at', type: 'timestamptz', nullable: true }) drawnAt!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) seed!: string | null;
  @Column({ name: 'draw_input_digest', type: 'varchar', length: 64, nullable: true }) drawInputDigest!: string | null;
  @Column({ name: 'input_changed_after_freeze', type: 'boolean', nullable: true }) inputChangedAfterFreeze!: boolean | null;
  @Column({ name: 'result_digest', type: 'varchar', length: 64, nullable: true }) resultDigest!: string | null;
  @Column({ name: 'reminder_sent_at', type: 'timestamptz', nullable: true }) reminderSentAt!: Date | null;
  @Column({ name: 'waitlist_digest', type: 'varchar', length: 64, nullable: true }) waitlistDigest!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_car_lottery_rounds_created_by' })
  creator?: UserEntity;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** 抽選申込: one need of one applicant, with 1–3 ranked options (car_lottery_request_options). */
@Entity({ name: 'car_lottery_requests' })
@Check('CK_car_lottery_requests_rank', `rank BETWEEN 1 AND 1000000`)
@Check('CK_car_lottery_requests_status', `status IN ('active','withdrawn')`)
@Check('CK_car_lottery_requests_result', `result IN ('pending','won','lost','promoted')`)
@Check('CK_car_lottery_requests_passengers', `passengers BETWEEN 0 AND 29`)
@Check('CK_car_lottery_requests_won_option', `won_option IS NULL OR won_option BETWEEN 0 AND 3`)
@Index('IDX_car_lottery_requests_round_user', ['roundId', 'userId'])
@Index('IDX_car_lottery_requests_round_section', ['roundId', 'sectionId'])
@Index('UQ_car_lottery_requests_booking', ['bookingId'], { unique: true, where: 'booking_id IS NOT NULL' })
export class CarLotteryRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_car_lottery_requests' }) id!: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId!: string;
  @ManyToOne(() => CarLotteryRoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_car_lottery_requests_round' })
  round?: CarLotteryRoundEntity;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_car_lottery_requests_user' })
  user?: UserEntity;
  @Column({ name: 'driver_id', type: 'uuid' }) driverId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'driver_id', foreignKeyConstraintName: 'FK_car_lottery_requests_driver' })
  driver?: UserEntity;
  @Column({ name: 'section_id', type: 'uuid' }) sectionId!: string;
  @ManyToOne(() => SectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'section_id', foreignKeyConstraintName: 'FK_car_lottery_requests_section' })
  section?: SectionEntity;
  @Column({ type: 'int' }) rank!: number;
  @Column({ type: 'varchar', length: 200 }) purpose!: string;
  @Column({ type: 'varchar', length: 200 }) destination!: string;
  @Column({ type: 'smallint', default: 0 }) passengers!: number;
  @Column({ name: 'out_of_prefecture', type: 'boolean', default: false }) outOfPrefecture!: boolean;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: 'active' | 'withdrawn';
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) result!: 'pending' | 'won' | 'lost' | 'promoted';
  @Column({ name: 'won_option', type: 'smallint', nullable: true }) wonOption!: number | null;
  @Column({ name: 'booking_id', type: 'uuid', nullable: true }) bookingId!: string | null;
  @ManyToOne(() => CarBookingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'FK_car_lottery_requests_booking' })
  booking?: CarBookingEntity;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** 第1〜第3希望 of a request: a class and an interval on the 15-minute grid. */
@Entity({ name: 'car_lottery_request_options' })
@Check('CK_car_lottery_request_options_position', `position BETWEEN 1 AND 3`)
@Check('CK_car_lottery_request_options_range', `ends_at > starts_at`)
@Check('CK_car_lottery_request_options_grid', `extract(epoch FROM starts_at)::bigint % 900 = 0 AND extract(epoch FROM ends_at)::bigint % 900 = 0`)
export class CarLotteryRequestOptionEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid', primaryKeyConstraintName: 'PK_car_lottery_request_options' }) requestId!: string;
  @ManyToOne(() => CarLotteryRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_car_lottery_request_options_request' })
  request?: CarLotteryRequestEntity;
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_car_lottery_request_options' }) position!: number;
  @Column({ name: 'class_code', type: 'varchar', length: 16 }) classCode!: string;
  @ManyToOne(() => CarClassEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'class_code', foreignKeyConstraintName: 'FK_car_lottery_request_options_class' })
  carClass?: CarClassEntity;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
}

/** z per user and pool: consecutive rounds applied to and won nothing (tickets = min(1 + z, 4)). */
@Entity({ name: 'lottery_streaks' })
@Check('CK_lottery_streaks_value', `zero_win_streak >= 0`)
export class LotteryStreakEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_lottery_streaks' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_lottery_streaks_user' })
  user?: UserEntity;
  @PrimaryColumn({ name: 'pool_id', type: 'uuid', primaryKeyConstraintName: 'PK_lottery_streaks' }) poolId!: string;
  @ManyToOne(() => CarPoolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'FK_lottery_streaks_pool' })
  pool?: CarPoolEntity;
  @Column({ name: 'zero_win_streak', type: 'int', default: 0 }) zeroWinStreak!: number;
  @Column({ name: 'last_round_id', type: 'uuid', nullable: true }) lastRoundId!: string | null;
  @ManyToOne(() => CarLotteryRoundEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'last_round_id', foreignKeyConstraintName: 'FK_lottery_streaks_round' })
  lastRound?: CarLotteryRoundEntity;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The exportable draw record (docs/lottery.md §9), one per round; UPDATE/DELETE refused by a trigger. */
@Entity({ name: 'car_lottery_draw_records' })
export class CarLotteryDrawRecordEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'PK_car_lottery_draw_records' }) roundId!: string;
  @ManyToOne(() => CarLotteryRoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_car_lottery_draw_records_round' })
  round?: CarLotteryRoundEntity;
  @Column({ type: 'varchar', length: 64 }) algorithm!: string;
  @Column({ type: 'jsonb' }) record!: Record<string, unknown>;
  @Column({ name: 'input_digest', type: 'varchar', length: 64 }) inputDigest!: string;
  @Column({ name: 'ticket_digest', type: 'varchar', length: 64 }) ticketDigest!: string;
  @Column({ type: 'varchar', length: 64 }) seed!: string;
  @Column({ name: 'result_digest', type: 'varchar', length: 64 }) resultDigest!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One 繰り上げ pass: what was released, what the pass saw beyond the record, what it promoted. Append-only. */
@Entity({ name: 'car_lottery_waitlist_passes' })
@Check('CK_car_lottery_waitlist_passes_no', `pass_no >= 1`)
export class CarLotteryWaitlistPassEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'PK_car_lottery_waitlist_passes' }) roundId!: string;
  @ManyToOne(() => CarLotteryRoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_car_lottery_waitlist_passes_round' })
  round?: CarLotteryRoundEntity;
  @PrimaryColumn({ name: 'pass_no', type: 'int', primaryKeyConstraintName: 'PK_car_lottery_waitlist_passes' }) passNo!: number;
  @Column({ name: 'released_request_ids', type: 'jsonb' }) releasedRequestIds!: string[];
  @Column({ name: 'released_booking_ids', type: 'jsonb' }) releasedBookingIds!: string[];
  @Column({ type: 'jsonb' }) prior!: unknown[];
  @Column({ type: 'jsonb' }) adjustments!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) promotions!: unknown[];
  @Column({ type: 'varchar', length: 64 }) digest!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** The category and reason of a priority reservation (災害対応 / 議会 / 市長公務) made for a round. */
@Entity({ name: 'car_lottery_priority_reservations' })
@Check('CK_car_lottery_priority_reservations_category', `category IN ('disaster','assembly','mayor')`)
@Index('IDX_car_lottery_priority_reservations_round', ['roundId'])
export class CarLotteryPriorityReservationEntity {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid', primaryKeyConstraintName: 'PK_car_lottery_priority_reservations' }) bookingId!: string;
  @ManyToOne(() => CarBookingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'FK_car_lottery_priority_reservations_booking' })
  booking?: CarBookingEntity;
  @Column({ name: 'round_id', type: 'uuid' }) roundId!: string;
  @ManyToOne(() => CarLotteryRoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_car_lottery_priority_reservations_round' })
  round?: CarLotteryRoundEntity;
  @Column({ type: 'varchar', length: 16 }) category!: 'disaster' | 'assembly' | 'mayor';
  @Column({ type: 'varchar', length: 200 }) reason!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_car_lottery_priority_reservations_created_by' })
  creator?: UserEntity;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
