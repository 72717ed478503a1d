import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarDay, ClosedDay, CreateClosedDay } from '@rr/contracts';
import { api } from '../../../shared/api/client';

const calendarKey = ['calendar'] as const;

export function useClosedDays(year: number) {
  return useQuery({
    queryKey: [...calendarKey, 'closed-days', year],
    queryFn: () => api.get<ClosedDay[]>('/calendar/closed-days', { year }),
  });
}

export function useCalendarDays(from: string, to: string) {
  return useQuery({
    queryKey: [...calendarKey, 'days', from, to],
    queryFn: () => api.get<CalendarDay[]>('/calendar/days', { from, to }),
  });
}

export function useAddClosedDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateClosedDay) => api.post<ClosedDay>('/calendar/closed-days', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: calendarKey }),
  });
}

export function useDeleteClosedDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api.delete(`/calendar/closed-days/${date}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: calendarKey }),
  });
}
