import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['staff', 'section_chief', 'garage_admin', 'general_affairs', 'sysadmin', 'building_operator'] as const;
export type RoleName = (typeof ROLES)[number];

@Entity({ name: 'departments' })
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('UQ_departments_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  /** 局 / 区役所 / 行政委員会 etc. */
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'sections' })
export class SectionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('UQ_sections_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'FK_sections_department' })
  department?: DepartmentEntity;
  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'users' })
@Check('CK_users_roles', `roles <@ ARRAY['staff','section_chief','garage_admin','general_affairs','sysadmin','building_operator']::text[]`)
@Check('CK_users_locale', `locale IN ('ja','en')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('UQ_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName!: string;
  @Column({ name: 'name_kana', type: 'varchar', length: 100, default: '' }) nameKana!: string;
  @Index('UQ_users_employee_number', { unique: true })
  @Column({ name: 'employee_number', type: 'varchar', length: 32 })
  employeeNumber!: string;
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;
  @Column({ name: 'section_id', type: 'uuid' }) sectionId!: string;
  @ManyToOne(() => SectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'section_id', foreignKeyConstraintName: 'FK_users_section' })
  section?: SectionEntity;
  @Column({ type: 'text', array: true, default: () => `'{staff}'` }) roles!: RoleName[];
  @Column({ type: 'varchar', length: 2, default: 'ja' }) locale!: 'ja' | 'en';
  /** scrypt hash (`scrypt$N$r$p$salt$hash`); null for SSO-only accounts. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true }) passwordHash!: string | null;
  @Column({ name: 'is_active', type: 'boolean', default: true }) isActive!: boolean;
  @Column({ name: 'failed_logins', type: 'int', default: 0 }) failedLogins!: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The deputies an approver names in advance for 代決 (1st, then 2nd). */
@Entity({ name: 'approver_deputies' })
@Check('CK_approver_deputies_rank', `rank IN (1, 2)`)
@Check('CK_approver_deputies_not_self', `approver_id <> deputy_id`)
export class ApproverDeputyEntity {
  @PrimaryColumn({ name: 'approver_id', type: 'uuid', primaryKeyConstraintName: 'PK_approver_deputies' }) approverId!: string;
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_approver_deputies' }) rank!: number;
  @Column({ name: 'deputy_id', type: 'uuid' }) deputyId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'approver_id', foreignKeyConstraintName: 'FK_approver_deputies_approver' })
  approver?: UserEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deputy_id', foreignKeyConstraintName: 'FK_approver_deputies_deputy' })
  deputy?: UserEntity;
}

/** A period an approver is away (不在): enables 代決 by their deputy. Periods of one user never overlap. */
@Entity({ name: 'user_absences' })
@Check('CK_user_absences_range', `ends_at > starts_at`)
export class UserAbsenceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_absences_user' })
  user?: UserEntity;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ type: 'varchar', length: 200, default: '' }) reason!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
