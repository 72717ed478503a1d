import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// High-demand room lottery (会議室抽選). The migration 1795300009000-AddRoomLottery is the source of
// truth (ADR 0021); the services use SQL, these mirror the tables for the schema check.

@Entity({ name: 'room_lottery_rounds' })
@Check('CK_room_lottery_rounds_status', `status IN ('scheduled','open','closed','drawn','done')`)
@Index('IDX_room_lottery_rounds_status', ['status', 'firstComeAt'])
export class RoomLotteryRoundEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_room_lottery_rounds' }) id!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'pool_key', type: 'varchar', length: 100 }) poolKey!: string;
  @Column({ name: 'room_ids', type: 'uuid', array: true }) roomIds!: string[];
  @Column({ name: 'period_start', type: 'timestamptz' }) periodStart!: Date;
  @Column({ name: 'period_end', type: 'timestamptz' }) periodEnd!: Date;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt!: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt!: Date;
  @Column({ name: 'draw_at', type: 'timestamptz' }) drawAt!: Date;
  @Column({ name: 'confirm_by', type: 'timestamptz' }) confirmBy!: Date;
  @Column({ name: 'first_come_at', type: 'timestamptz' }) firstComeAt!: Date;
  @Column({ type: 'varchar', length: 16, default: 'scheduled' }) status!: string;
  @Column({ type: 'varchar', length: 64 }) commitment!: string;
  @Column({ type: 'varchar', length: 64 }) secret!: string;
  @Column({ name: 'external_value', type: 'varchar', length: 300, nullable: true }) externalValue!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) seed!: string | null;
  @Column({ name: 'input_digest', type: 'varchar', length: 64, nullable: true }) inputDigest!: string | null;
  @Column({ name: 'result_digest', type: 'varchar', length: 64, nullable: true }) resultDigest!: string | null;
  @Column({ name: 'drawn_at', type: 'timestamptz', nullable: true }) drawnAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'room_lottery_requests' })
@Index('IDX_room_lottery_requests_round', ['roundId', 'userId'])
@Index('IDX_room_lottery_requests_user', ['userId', 'createdAt'])
export class RoomLotteryRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_room_lottery_requests' }) id!: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'smallint' }) rank!: number;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'smallint' }) attendees!: number;
  @Column({ type: 'jsonb' }) options!: Array<{ roomId: string; startsAt: string; endsAt: string }>;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: string;
  @Column({ name: 'won_option', type: 'smallint', nullable: true }) wonOption!: number | null;
  @Column({ name: 'booking_id', type: 'uuid', nullable: true }) bookingId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'room_lottery_draw_records' })
export class RoomLotteryDrawRecordEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'PK_room_lottery_draw_records' }) roundId!: string;
  @Column({ type: 'varchar', length: 64 }) algorithm!: string;
  @Column({ type: 'jsonb' }) record!: unknown;
  @Column({ type: 'varchar', length: 64 }) seed!: string;
  @Column({ name: 'result_digest', type: 'varchar', length: 64 }) resultDigest!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'room_lottery_streaks' })
export class RoomLotteryStreakEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_room_lottery_streaks' }) userId!: string;
  @PrimaryColumn({ name: 'pool_key', type: 'varchar', length: 100, primaryKeyConstraintName: 'PK_room_lottery_streaks' }) poolKey!: string;
  @Column({ name: 'zero_win_streak', type: 'int', default: 0 }) zeroWinStreak!: number;
  @Column({ name: 'last_round_id', type: 'uuid', nullable: true }) lastRoundId!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const ROOM_LOTTERY_ENTITIES = [RoomLotteryRoundEntity, RoomLotteryRequestEntity, RoomLotteryDrawRecordEntity, RoomLotteryStreakEntity];
