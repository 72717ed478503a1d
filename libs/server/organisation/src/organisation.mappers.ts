import type { Absence, Department, Section, User } from '@rr/contracts';
import type { DepartmentEntity, SectionEntity, UserAbsenceEntity, UserEntity } from '@rr/server/persistence';
import type { DeputyRow } from './approvers.repository';

// Entities never leave the feature: these map them to the contracts (CONVENTIONS.md §6).

export function toDepartment(d: DepartmentEntity): Department {
  return { id: d.id, code: d.code, name: d.name, kind: d.kind as Department['kind'], sortOrder: d.sortOrder };
}

export function toSection(s: SectionEntity): Section {
  return { id: s.id, code: s.code, name: s.name, departmentId: s.departmentId, departmentName: s.department?.name ?? '', sortOrder: s.sortOrder };
}

export function toUser(u: UserEntity, deputies: DeputyRow[]): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    nameKana: u.nameKana,
    employeeNumber: u.employeeNumber,
    email: u.email,
    sectionId: u.sectionId,
    sectionName: u.section?.name ?? '',
    departmentName: u.section?.department?.name ?? '',
    roles: u.roles,
    locale: u.locale,
    isActive: u.isActive,
    hasPassword: u.passwordHash !== null,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    deputies: deputies
      .filter((d) => d.approverId === u.id)
      .sort((a, b) => a.rank - b.rank)
      .map((d) => ({ rank: d.rank, userId: d.deputyId, displayName: d.deputyDisplayName })),
  };
}

export function toAbsence(a: UserAbsenceEntity): Absence {
  return { id: a.id, userId: a.userId, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), reason: a.reason };
}

/** What the audit log keeps of a user: never the password hash (AuditService redacts it too). */
export function userAuditSnapshot(u: UserEntity): Record<string, unknown> {
  return {
    username: u.username,
    displayName: u.displayName,
    nameKana: u.nameKana,
    employeeNumber: u.employeeNumber,
    email: u.email,
    sectionId: u.sectionId,
    roles: u.roles,
    locale: u.locale,
    isActive: u.isActive,
  };
}

export function departmentAuditSnapshot(d: DepartmentEntity): Record<string, unknown> {
  return { code: d.code, name: d.name, kind: d.kind, sortOrder: d.sortOrder };
}

export function sectionAuditSnapshot(s: SectionEntity): Record<string, unknown> {
  return { code: s.code, name: s.name, departmentId: s.departmentId, sortOrder: s.sortOrder };
}
