import { useQuery } from '@tanstack/react-query';
import type { UnreadCount } from '@rr/contracts';
import { api } from '../../../shared/api/client';

/**
 * Unread notices for the header bell. While the endpoint is missing or failing the query simply
 * errors (no retries, no polling) and the bell shows no count.
 */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: async () => (await api.get<UnreadCount>('/notifications/unread-count')).count,
    retry: false,
    staleTime: 30_000,
    refetchInterval: (query) => (query.state.status === 'error' ? false : 60_000),
  });
}
