import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An extra closed day (臨時閉庁日) set by an administrator, on top of weekends, holidays and 12/29–1/3. */
@Entity({ name: 'closed_days' })
export class ClosedDayEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_closed_days' }) date!: string;
  @Column({ type: 'varchar', length: 200 }) reason!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
