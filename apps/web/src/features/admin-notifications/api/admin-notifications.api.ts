import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeadLetter, DeliveryStats, NotificationHistory, Page, RetryResult } from '@rr/contracts';
import { api } from '../../../shared/api/client';

const KEY = ['admin-notifications'] as const;

/** bull-board (read-only queue view), served by the API behind the sysadmin session. */
export const QUEUE_BOARD_URL = '/api/admin/queues';

export interface DeadLetterFilter {
  channel?: 'email' | 'webhook';
  limit: number;
  offset: number;
}

export function useDeadLetters(filter: DeadLetterFilter) {
  return useQuery({
    queryKey: [...KEY, 'dead-letters', filter],
    queryFn: ({ signal }) => api.get<Page<DeadLetter>>('/admin/notifications/dead-letters', { ...filter }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useDeliveryStats() {
  return useQuery({
    queryKey: [...KEY, 'stats'],
    queryFn: ({ signal }) => api.get<DeliveryStats>('/admin/notifications/stats', undefined, signal),
    staleTime: 0,
  });
}

export function useNotificationHistory(notificationId: string | null) {
  return useQuery({
    queryKey: [...KEY, 'history', notificationId],
    queryFn: ({ signal }) => api.get<NotificationHistory>(`/admin/notifications/${encodeURIComponent(notificationId ?? '')}`, undefined, signal),
    enabled: !!notificationId,
    staleTime: 0,
  });
}

/** Puts a dead delivery back to pending (the worker's relay picks it up); refreshes every view. */
export function useRetryDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => api.post<RetryResult>(`/admin/notifications/deliveries/${encodeURIComponent(deliveryId)}/retry`),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
