import { Injectable } from '@nestjs/common';
import type { AuditQuery } from '@rr/contracts';
import { AuditLogEntity, TransactionHost } from '@rr/server/persistence';

export interface AuditWrite {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
  actorId: string | null;
  actorName: string;
  requestId: string | null;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(entry: AuditWrite): Promise<void> {
    // jsonb columns: TypeORM's deep-partial typing cannot express arbitrary JSON objects.
    await this.tx.manager.insert(AuditLogEntity, { ...entry, before: entry.before ?? null, after: entry.after ?? null } as never);
  }

  async find(query: AuditQuery): Promise<{ items: AuditLogEntity[]; total: number }> {
    const qb = this.tx.manager.createQueryBuilder(AuditLogEntity, 'a');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
    qb.orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').take(query.limit).skip(query.offset);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** Streams every matching row in id order, in batches, for CSV export without loading it all. */
  async *iterate(query: Omit<AuditQuery, 'limit' | 'offset'>, batch = 1000): AsyncGenerator<AuditLogEntity> {
    let afterId = '0';
    for (;;) {
      const qb = this.tx.manager.createQueryBuilder(AuditLogEntity, 'a').where('a.id > :afterId', { afterId });
      if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
      if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
      if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
      if (query.action) qb.andWhere('a.action = :action', { action: query.action });
      if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
      if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
      const rows = await qb.orderBy('a.id', 'ASC').take(batch).getMany();
      for (const row of rows) yield row;
      if (rows.length < batch) return;
      afterId = rows[rows.length - 1].id;
    }
  }
}
