import { Injectable } from '@nestjs/common';
import { DepartmentEntity, TransactionHost } from '@rr/server/persistence';

export type DepartmentValues = Pick<DepartmentEntity, 'code' | 'name' | 'kind' | 'sortOrder'>;

@Injectable()
export class DepartmentsRepository {
  constructor(private readonly tx: TransactionHost) {}

  list(): Promise<DepartmentEntity[]> {
    return this.tx.manager.find(DepartmentEntity, { order: { sortOrder: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  /** With `lock`, holds the row until the transaction ends (for a consistent before/after audit). */
  findById(id: string, lock = false): Promise<DepartmentEntity | null> {
    return this.tx.manager.findOne(DepartmentEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  insert(values: DepartmentValues): Promise<DepartmentEntity> {
    return this.tx.manager.save(DepartmentEntity, this.tx.manager.create(DepartmentEntity, values));
  }

  async update(id: string, patch: Partial<DepartmentValues>): Promise<void> {
    await this.tx.manager.update(DepartmentEntity, { id }, patch);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.tx.manager.delete(DepartmentEntity, { id });
    return (result.affected ?? 0) > 0;
  }
}
