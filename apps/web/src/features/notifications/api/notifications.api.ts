import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxItem, MarkAllReadResult, NotificationPreferences, Page, UnreadCount, UpdateNotificationPreferences } from '@rr/contracts';
import { api } from '../../../shared/api/client';

// Type-only imports from @rr/contracts: this module is loaded with the header bell on every page,
// so it must not pull zod (the schemas) into the main chunk.

/** Everything under this key changes when a notice is read or arrives: one invalidation refreshes all. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
const UNREAD_COUNT_KEY = [...NOTIFICATIONS_KEY, 'unread-count'] as const;
const PREFERENCES_KEY = ['notification-preferences'] as const;

/** How often the bell asks for the unread count while the page is open. */
export const UNREAD_POLL_MS = 30_000;

/**
 * Unread notices for the header bell: polled every 30 s and refreshed whenever the window regains
 * focus. While the endpoint fails the bell simply shows no count (no retries, polling paused).
 */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_COUNT_KEY,
    queryFn: async ({ signal }) => (await api.get<UnreadCount>('/notifications/unread-count', undefined, signal)).count,
    retry: false,
    staleTime: 0,
    refetchOnWindowFocus: 'always',
    refetchInterval: (query) => (query.state.status === 'error' ? false : UNREAD_POLL_MS),
  });
}

export interface InboxFilter {
  unreadOnly: boolean;
  limit: number;
  offset: number;
}

export function useInbox(filter: InboxFilter) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'inbox', filter],
    queryFn: ({ signal }) =>
      api.get<Page<InboxItem>>('/notifications', { unreadOnly: filter.unreadOnly ? 'true' : undefined, limit: filter.limit, offset: filter.offset }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${encodeURIComponent(id)}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MarkAllReadResult>('/notifications/read-all'),
    onSettled: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: ({ signal }) => api.get<NotificationPreferences>('/notifications/preferences', undefined, signal),
    staleTime: 0,
  });
}

export function useUpdatePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferences) => api.put<NotificationPreferences>('/notifications/preferences', body),
    onSuccess: (saved) => qc.setQueryData(PREFERENCES_KEY, saved),
  });
}

/** POST /notifications/test: the in-app notice is written in the same request, so refresh the bell. */
export function useSendTestNotification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ notificationIds: string[] }>('/notifications/test'),
    onSuccess: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
