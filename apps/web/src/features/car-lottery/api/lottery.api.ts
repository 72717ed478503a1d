import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  CreateLotteryRequest,
  CreateLotteryRound,
  CreatePriorityReservation,
  LotteryAdvanceResult,
  LotteryDashboard,
  LotteryPosition,
  LotteryRequest,
  LotteryRound,
  LotteryRoundStatus,
  LotterySettings,
  LotteryTicketTable,
  LotteryVerifyResult,
  LotteryWaitlist,
  Page,
  PriorityReservation,
  UpdateLotteryRequest,
  UpdateLotterySettings,
} from '@rr/contracts';
import type { DrawRecord } from '@rr/domain';
import { api } from '../../../shared/api/client';

// Query keys: everything under ['lottery'] so one invalidation refreshes the feature after a change.
const root = ['lottery'] as const;
export const lotteryKeys = {
  root,
  rounds: [...root, 'rounds'] as const,
  round: (id: string) => [...root, 'round', id] as const,
  mine: (roundId: string) => [...root, 'round', roundId, 'mine'] as const,
  request: (id: string) => [...root, 'request', id] as const,
  position: (roundId: string) => [...root, 'round', roundId, 'position'] as const,
  tickets: (roundId: string) => [...root, 'round', roundId, 'tickets'] as const,
  record: (roundId: string) => [...root, 'round', roundId, 'record'] as const,
  waitlist: (roundId: string) => [...root, 'round', roundId, 'waitlist'] as const,
  dashboard: (roundId: string) => [...root, 'round', roundId, 'dashboard'] as const,
  priority: (roundId: string) => [...root, 'round', roundId, 'priority'] as const,
  settings: (poolId: string) => [...root, 'settings', poolId] as const,
};

/** A change to a round or its requests: everything the lottery screens show may be stale (and the cars' occupancy). */
function invalidateAll(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: root });
  void qc.invalidateQueries({ queryKey: ['cars', 'bookings'] });
  void qc.invalidateQueries({ queryKey: ['cars', 'availability'] });
}

// ---------------------------------------------------------------- rounds

export interface RoundsFilter {
  poolId?: string;
  status?: LotteryRoundStatus;
  limit?: number;
  offset?: number;
}

export function useLotteryRounds(filter: RoundsFilter = {}) {
  return useQuery({
    queryKey: [...lotteryKeys.rounds, filter],
    queryFn: ({ signal }) => api.get<Page<LotteryRound>>('/lottery/rounds', { limit: 50, ...filter }, signal),
    placeholderData: keepPreviousData,
    // The worker moves rounds on by itself (open → frozen → drawn…): keep the screens current.
    refetchInterval: 60_000,
  });
}

export function useLotteryRound(id: string | undefined) {
  return useQuery({
    queryKey: lotteryKeys.round(id ?? ''),
    queryFn: ({ signal }) => api.get<LotteryRound>(`/lottery/rounds/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: 30_000,
  });
}

export function useCreateRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLotteryRound) => api.post<LotteryRound>('/lottery/rounds', body),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useAdvanceRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<LotteryAdvanceResult>(`/lottery/rounds/${id}/advance`),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useSetExternalValue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, value }: { id: string; value: string }) => api.put<LotteryRound>(`/lottery/rounds/${id}/external-value`, { value }),
    onSuccess: (round) => {
      qc.setQueryData(lotteryKeys.round(round.id), round);
      invalidateAll(qc);
    },
  });
}

// ---------------------------------------------------------------- requests

export function useMyRequests(roundId: string | undefined, includeWithdrawn = false) {
  return useQuery({
    queryKey: [...lotteryKeys.mine(roundId ?? ''), includeWithdrawn],
    queryFn: ({ signal }) => api.get<LotteryRequest[]>(`/lottery/rounds/${roundId}/requests/mine`, { includeWithdrawn }, signal),
    enabled: !!roundId,
    refetchInterval: 60_000,
  });
}

export function useLotteryRequest(id: string | undefined) {
  return useQuery({
    queryKey: lotteryKeys.request(id ?? ''),
    queryFn: ({ signal }) => api.get<LotteryRequest>(`/lottery/requests/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateRequest(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLotteryRequest) => api.post<LotteryRequest>(`/lottery/rounds/${roundId}/requests`, body),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useUpdateRequest(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateLotteryRequest) => api.patch<LotteryRequest>(`/lottery/requests/${id}`, body),
    onSuccess: () => invalidateAll(qc),
  });
}

export type RequestAction = 'withdraw' | 'confirm' | 'decline';

/** 取下げ / 当選確定 / 当選辞退 of one request. */
export function useRequestAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: RequestAction }) => api.post<LotteryRequest>(`/lottery/requests/${id}/${action}`),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useReorderRequests(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (requestIds: string[]) => api.put<LotteryRequest[]>(`/lottery/rounds/${roundId}/requests/order`, { requestIds }),
    onSuccess: () => invalidateAll(qc),
  });
}

// ---------------------------------------------------------------- evidence (any staff member)

export function useMyPosition(roundId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: lotteryKeys.position(roundId ?? ''),
    queryFn: ({ signal }) => api.get<LotteryPosition>(`/lottery/rounds/${roundId}/my-position`, undefined, signal),
    enabled: !!roundId && enabled,
  });
}

export function useTicketTable(roundId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: lotteryKeys.tickets(roundId ?? ''),
    queryFn: ({ signal }) => api.get<LotteryTicketTable>(`/lottery/rounds/${roundId}/tickets`, undefined, signal),
    enabled: !!roundId && enabled,
    staleTime: 5 * 60_000,
  });
}

/** The draw record (immutable once written, so cached for long). */
export function useDrawRecord(roundId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: lotteryKeys.record(roundId ?? ''),
    queryFn: ({ signal }) => api.get<DrawRecord>(`/lottery/rounds/${roundId}/record`, undefined, signal),
    enabled: !!roundId && enabled,
    staleTime: Infinity,
  });
}

export function useWaitlist(roundId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: lotteryKeys.waitlist(roundId ?? ''),
    queryFn: ({ signal }) => api.get<LotteryWaitlist>(`/lottery/rounds/${roundId}/waitlist`, undefined, signal),
    enabled: !!roundId && enabled,
  });
}

export function useVerifyRecord() {
  return useMutation({
    mutationFn: (record: unknown) => api.post<LotteryVerifyResult>('/lottery/verify', record),
  });
}

// ---------------------------------------------------------------- administration

export function useLotteryDashboard(roundId: string | undefined) {
  return useQuery({
    queryKey: lotteryKeys.dashboard(roundId ?? ''),
    queryFn: ({ signal }) => api.get<LotteryDashboard>(`/lottery/rounds/${roundId}/dashboard`, undefined, signal),
    enabled: !!roundId,
    refetchInterval: 60_000,
  });
}

export function usePriorityReservations(roundId: string | undefined) {
  return useQuery({
    queryKey: lotteryKeys.priority(roundId ?? ''),
    queryFn: ({ signal }) => api.get<PriorityReservation[]>(`/lottery/rounds/${roundId}/priority-reservations`, undefined, signal),
    enabled: !!roundId,
  });
}

export function useCreatePriorityReservation(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePriorityReservation) => api.post<PriorityReservation>(`/lottery/rounds/${roundId}/priority-reservations`, body),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useLotterySettings(poolId: string | undefined) {
  return useQuery({
    queryKey: lotteryKeys.settings(poolId ?? ''),
    queryFn: ({ signal }) => api.get<LotterySettings>(`/lottery/pools/${poolId}/settings`, undefined, signal),
    enabled: !!poolId,
  });
}

export function useUpdateLotterySettings(poolId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateLotterySettings) => api.patch<LotterySettings>(`/lottery/pools/${poolId}/settings`, body),
    onSuccess: (settings) => qc.setQueryData(lotteryKeys.settings(poolId), settings),
  });
}
