import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Absence, CreateUser, Page, Role, UpdateUser, User, UserCsvImportResult } from '@rr/contracts';
import { api, apiRequest } from '../../../shared/api/client';

export interface UserFilter {
  q?: string;
  sectionId?: string;
  role?: Role | '';
  limit: number;
  offset: number;
}

export const usersKey = ['users'] as const;

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: [...usersKey, 'list', filter],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: [...usersKey, 'one', id],
    queryFn: () => api.get<User>(`/users/${id}`),
    enabled: !!id,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => api.post<User>('/users', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUser) => api.patch<User>(`/users/${id}`, body),
    onSuccess: (user) => {
      qc.setQueryData([...usersKey, 'one', id], user);
      void qc.invalidateQueries({ queryKey: [...usersKey, 'list'] });
    },
  });
}

export function useSetDeputies(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deputies: string[]) => api.put<User | undefined>(`/users/${id}/deputies`, { deputies }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useImportUsers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) =>
      apiRequest<UserCsvImportResult>('/users/import', { method: 'POST', text: csv, contentType: 'text/csv' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: usersKey }),
  });
}

const absencesKey = (userId: string) => [...usersKey, 'absences', userId] as const;

export function useAbsences(userId: string) {
  return useQuery({ queryKey: absencesKey(userId), queryFn: () => api.get<Absence[]>(`/users/${userId}/absences`) });
}

export function useAddAbsence(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { startsAt: string; endsAt: string; reason: string }) =>
      api.post<Absence>(`/users/${userId}/absences`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: absencesKey(userId) }),
  });
}

export function useDeleteAbsence(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (absenceId: string) => api.delete(`/users/${userId}/absences/${absenceId}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: absencesKey(userId) }),
  });
}

/** Server-side search for pickers (deputies, audit actor). */
export function useUserSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: [...usersKey, 'search', q],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { q: q || undefined, limit: 20, offset: 0 }, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
