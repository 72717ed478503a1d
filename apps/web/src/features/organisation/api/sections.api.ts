import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSection, Section } from '@rr/contracts';
import { api } from '../../../shared/api/client';

export const sectionsKey = ['sections'] as const;

export function useSections() {
  return useQuery({ queryKey: sectionsKey, queryFn: () => api.get<Section[]>('/sections') });
}

export function useSaveSection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateSection }) =>
      id ? api.patch<Section>(`/sections/${id}`, body) : api.post<Section>('/sections', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: sectionsKey });
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export function useDeleteSection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/sections/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: sectionsKey }),
  });
}
