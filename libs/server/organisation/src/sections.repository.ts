import { Injectable } from '@nestjs/common';
import { SectionEntity, TransactionHost } from '@rr/server/persistence';
import { In } from 'typeorm';

export type SectionValues = Pick<SectionEntity, 'code' | 'name' | 'departmentId' | 'sortOrder'>;

@Injectable()
export class SectionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Every section with its department, in the department's order, then the section's. */
  list(): Promise<SectionEntity[]> {
    return this.tx.manager
      .createQueryBuilder(SectionEntity, 's')
      .innerJoinAndSelect('s.department', 'd')
      .orderBy('d.sort_order', 'ASC')
      .addOrderBy('d.name', 'ASC')
      .addOrderBy('s.sort_order', 'ASC')
      .addOrderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
  }

  findById(id: string, lock = false): Promise<SectionEntity | null> {
    return this.tx.manager.findOne(SectionEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findWithDepartment(id: string): Promise<SectionEntity | null> {
    return this.tx.manager.findOne(SectionEntity, { where: { id }, relations: { department: true } });
  }

  findByCodes(codes: string[]): Promise<SectionEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.tx.manager.find(SectionEntity, { where: { code: In(codes) } });
  }

  insert(values: SectionValues): Promise<SectionEntity> {
    return this.tx.manager.save(SectionEntity, this.tx.manager.create(SectionEntity, values));
  }

  async update(id: string, patch: Partial<SectionValues>): Promise<void> {
    await this.tx.manager.update(SectionEntity, { id }, patch);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.tx.manager.delete(SectionEntity, { id });
    return (result.affected ?? 0) > 0;
  }
}
