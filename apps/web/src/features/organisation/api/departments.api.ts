import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDepartment, Department } from '@rr/contracts';
import { api } from '../../../shared/api/client';

export const departmentsKey = ['departments'] as const;

export function useDepartments() {
  return useQuery({ queryKey: departmentsKey, queryFn: () => api.get<Department[]>('/departments') });
}

export function useSaveDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateDepartment }) =>
      id ? api.patch<Department>(`/departments/${id}`, body) : api.post<Department>('/departments', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: departmentsKey });
      // Section rows show their department's name.
      void qc.invalidateQueries({ queryKey: ['sections'] });
    },
  });
}

export function useDeleteDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/departments/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: departmentsKey }),
  });
}
