import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  CreateRoomLotteryRequest,
  CreateRoomLotteryRound,
  RoomLotteryRequestView,
  RoomLotteryRound,
  RoomLotteryTickResult,
  UpdateRoomLotteryRequest,
} from '@rr/contracts';
import { api } from '../../../shared/api/client';
import { invalidateOccupancy } from './rooms.api';

// Query keys: everything under ['room-lottery'] so one invalidation refreshes the screens after a change.
const root = ['room-lottery'] as const;
export const roomLotteryKeys = {
  root,
  rounds: (open: boolean) => [...root, 'rounds', open] as const,
  round: (id: string) => [...root, 'round', id] as const,
  requests: (id: string, all: boolean) => [...root, 'round', id, 'requests', all] as const,
  record: (id: string) => [...root, 'round', id, 'record'] as const,
  mine: [...root, 'mine'] as const,
};

function invalidateAll(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: root });
}

/** Rounds, newest first as the API returns them; `open` = only rounds whose window is open now. */
export function useRoomLotteryRounds(open = false) {
  return useQuery({
    queryKey: roomLotteryKeys.rounds(open),
    queryFn: ({ signal }) => api.get<RoomLotteryRound[]>('/room-lottery/rounds', { open: open ? 'true' : 'false' }, signal),
  });
}

export function useRoomLotteryRound(id: string | undefined) {
  return useQuery({
    queryKey: roomLotteryKeys.round(id ?? ''),
    queryFn: () => api.get<RoomLotteryRound>(`/room-lottery/rounds/${id}`),
    enabled: !!id,
  });
}

/** The caller's entries of a round, or with all=true every entry (General Affairs / sysadmin). */
export function useRoomLotteryRoundRequests(id: string | undefined, all: boolean) {
  return useQuery({
    queryKey: roomLotteryKeys.requests(id ?? '', all),
    queryFn: ({ signal }) => api.get<RoomLotteryRequestView[]>(`/room-lottery/rounds/${id}/requests`, { all: all ? 'true' : 'false' }, signal),
    enabled: !!id,
  });
}

/** The published draw record (seed, commitment, tickets, results) once the round is drawn. */
export function useRoomLotteryRecord(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: roomLotteryKeys.record(id ?? ''),
    queryFn: () => api.get<unknown>(`/room-lottery/rounds/${id}/record`),
    enabled: !!id && enabled,
    retry: false,
  });
}

export function useMyRoomLotteryRequests() {
  return useQuery({
    queryKey: roomLotteryKeys.mine,
    queryFn: ({ signal }) => api.get<RoomLotteryRequestView[]>('/room-lottery/requests/mine', undefined, signal),
  });
}

export function useCreateRoomLotteryRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoomLotteryRound) => api.post<RoomLotteryRound>('/room-lottery/rounds', body),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useAdvanceRoomLotteryRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RoomLotteryTickResult>(`/room-lottery/rounds/${id}/advance`),
    onSuccess: () => {
      invalidateAll(qc);
      invalidateOccupancy(qc);
    },
  });
}

export function useApplyRoomLottery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ roundId, body }: { roundId: string; body: CreateRoomLotteryRequest }) =>
      api.post<RoomLotteryRequestView>(`/room-lottery/rounds/${roundId}/requests`, body),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useUpdateRoomLotteryRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateRoomLotteryRequest }) => api.patch<RoomLotteryRequestView>(`/room-lottery/requests/${id}`, body),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useWithdrawRoomLotteryRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/room-lottery/requests/${id}`),
    onSuccess: () => invalidateAll(qc),
  });
}

/** Confirm or decline a win (decline cancels the booking at once). */
export function useAnswerRoomLotteryWin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: 'confirm' | 'decline' }) => api.post<RoomLotteryRequestView>(`/room-lottery/requests/${id}/${answer}`),
    onSuccess: () => {
      invalidateAll(qc);
      invalidateOccupancy(qc);
    },
  });
}
