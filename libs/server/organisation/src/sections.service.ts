import { Injectable } from '@nestjs/common';
import type { CreateSection, Section } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { sectionAuditSnapshot, toSection } from './organisation.mappers';
import { mapWriteError, OrgErrors } from './organisation.errors';
import { SectionsRepository, SectionValues } from './sections.repository';

/** 課 (sections). Unknown departments and deleting a section users still belong to are refused by foreign keys. */
@Injectable()
export class SectionsService {
  constructor(
    private readonly repo: SectionsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Section[]> {
    return (await this.repo.list()).map(toSection);
  }

  async create(input: CreateSection): Promise<Section> {
    try {
      return await this.tx.run(async () => {
        const created = await this.repo.insert(input);
        await this.audit.record('section.create', 'section', created.id, null, sectionAuditSnapshot(created));
        return toSection((await this.repo.findWithDepartment(created.id))!);
      });
    } catch (error) {
      throw mapWriteError(error, OrgErrors.departmentNotFound);
    }
  }

  async update(id: string, patch: Partial<SectionValues>): Promise<Section> {
    try {
      return await this.tx.run(async () => {
        const before = await this.repo.findById(id, true);
        if (!before) throw OrgErrors.sectionNotFound();
        if (Object.keys(patch).length > 0) {
          await this.repo.update(id, patch);
        }
        const after = (await this.repo.findWithDepartment(id))!;
        if (Object.keys(patch).length > 0) {
          await this.audit.record('section.update', 'section', id, sectionAuditSnapshot(before), sectionAuditSnapshot(after));
        }
        return toSection(after);
      });
    } catch (error) {
      throw mapWriteError(error, OrgErrors.departmentNotFound);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.tx.run(async () => {
        const before = await this.repo.findById(id, true);
        if (!before) throw OrgErrors.sectionNotFound();
        await this.repo.delete(id);
        await this.audit.record('section.delete', 'section', id, sectionAuditSnapshot(before), null);
      });
    } catch (error) {
      throw mapWriteError(error, OrgErrors.inUse);
    }
  }
}
