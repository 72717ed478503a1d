import { Injectable } from '@nestjs/common';
import type { AuditEntry, AuditQuery, Page } from '@rr/contracts';
import { requestContext } from '@rr/server/http';
import type { AuditLogEntity } from '@rr/server/persistence';
import { stringify } from 'csv-stringify/sync';
import { AuditRepository } from './audit.repository';

/** Fields never copied into the audit log. */
const REDACTED = new Set(['passwordHash', 'password', 'tokenHash', 'csrfToken', 'clientSecret']);

function redact(value: object | null | undefined): object | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !REDACTED.has(k)));
}

export function toAuditEntry(row: AuditLogEntity): AuditEntry {
  return {
    id: String(row.id),
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
  };
}

@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  /**
   * Records a change. Call it inside the same `TransactionHost.run` as the change itself, so the
   * entry exists exactly when the change does. The actor comes from the request context, or
   * `system` for the worker.
   */
  async record(action: string, entityType: string, entityId: string, before?: object | null, after?: object | null): Promise<void> {
    const ctx = requestContext.get();
    await this.repo.insert({
      action,
      entityType,
      entityId,
      before: redact(before),
      after: redact(after),
      actorId: ctx?.actor?.id ?? null,
      actorName: ctx?.actor?.displayName ?? 'system',
      requestId: ctx?.requestId ?? null,
    });
  }

  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const { items, total } = await this.repo.find(query);
    return { items: items.map(toAuditEntry), total, limit: query.limit, offset: query.offset };
  }

  /** CSV lines (UTF-8; the controller prepends a BOM so Excel opens Japanese text correctly). */
  async *exportCsv(query: Omit<AuditQuery, 'limit' | 'offset'>): AsyncGenerator<string> {
    yield stringify([['id', 'occurred_at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id']]);
    for await (const row of this.repo.iterate(query)) {
      const e = toAuditEntry(row);
      yield stringify([[e.id, e.occurredAt, e.actorId ?? '', e.actorName, e.action, e.entityType, e.entityId, JSON.stringify(e.before), JSON.stringify(e.after), e.requestId ?? '']]);
    }
  }
}
