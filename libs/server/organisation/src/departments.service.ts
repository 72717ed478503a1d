import { Injectable } from '@nestjs/common';
import type { CreateDepartment, Department } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { DepartmentsRepository, DepartmentValues } from './departments.repository';
import { departmentAuditSnapshot, toDepartment } from './organisation.mappers';
import { mapWriteError, OrgErrors } from './organisation.errors';

/** 局・区役所 (departments). The database guards unique codes and refuses deleting one that has sections. */
@Injectable()
export class DepartmentsService {
  constructor(
    private readonly repo: DepartmentsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Department[]> {
    return (await this.repo.list()).map(toDepartment);
  }

  async create(input: CreateDepartment): Promise<Department> {
    try {
      return await this.tx.run(async () => {
        const created = await this.repo.insert(input);
        await this.audit.record('department.create', 'department', created.id, null, departmentAuditSnapshot(created));
        return toDepartment(created);
      });
    } catch (error) {
      throw mapWriteError(error);
    }
  }

  async update(id: string, patch: Partial<DepartmentValues>): Promise<Department> {
    try {
      return await this.tx.run(async () => {
        const before = await this.repo.findById(id, true);
        if (!before) throw OrgErrors.departmentNotFound();
        if (Object.keys(patch).length === 0) return toDepartment(before);
        await this.repo.update(id, patch);
        const after = (await this.repo.findById(id))!;
        await this.audit.record('department.update', 'department', id, departmentAuditSnapshot(before), departmentAuditSnapshot(after));
        return toDepartment(after);
      });
    } catch (error) {
      throw mapWriteError(error);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.tx.run(async () => {
        const before = await this.repo.findById(id, true);
        if (!before) throw OrgErrors.departmentNotFound();
        await this.repo.delete(id);
        await this.audit.record('department.delete', 'department', id, departmentAuditSnapshot(before), null);
      });
    } catch (error) {
      throw mapWriteError(error, OrgErrors.inUse);
    }
  }
}
