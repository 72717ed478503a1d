import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry, Page } from '@rr/contracts';
import { api, apiUrl } from '../../../shared/api/client';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** ISO 8601 with offset. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function useAuditLog(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/audit', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the same filters (all pages), opened by the browser as a download. */
export function auditCsvUrl(filter: Omit<AuditFilter, 'limit' | 'offset'>): string {
  return apiUrl('/audit/export.csv', { ...filter });
}
