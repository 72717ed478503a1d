import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcBudgetDto,
  AcBuildingDto,
  AcCancel,
  AcDaySheet,
  AcDecisionInput,
  AcEstimate,
  AcEstimateInput,
  AcInboxItem,
  AcReport,
  AcRequestDetail,
  AcRequestInputDto,
  AcRequestSummary,
  AcResubmit,
  AcSettingsDto,
  AcWithdraw,
  AcZoneDto,
  AddAcRate,
  CreateAcBuilding,
  CreateAcFloor,
  CreateAcZone,
  UpdateAcSettings,
} from '@rr/contracts';
import { api } from '../../../shared/api/client';

// Query keys: everything under ['ac'] so one invalidation refreshes the feature after a change.
const root = ['ac'] as const;
export const acKeys = {
  root,
  zones: [...root, 'zones'] as const,
  buildings: [...root, 'buildings'] as const,
  settings: [...root, 'settings'] as const,
  estimate: (input: AcEstimateInput) => [...root, 'estimate', input] as const,
  mine: [...root, 'mine'] as const,
  inbox: [...root, 'inbox'] as const,
  request: (id: string) => [...root, 'request', id] as const,
  sheet: (date: string) => [...root, 'sheet', date] as const,
  report: (fy: number) => [...root, 'report', fy] as const,
};

export function useAcZones() {
  return useQuery({ queryKey: acKeys.zones, queryFn: () => api.get<AcZoneDto[]>('/ac/zones'), staleTime: 5 * 60_000 });
}

export function useAcSettings() {
  return useQuery({ queryKey: acKeys.settings, queryFn: () => api.get<AcSettingsDto>('/ac/settings'), staleTime: 5 * 60_000 });
}

/** The live estimate; `input` null = the form is not complete enough to ask. */
export function useAcEstimate(input: AcEstimateInput | null) {
  return useQuery({
    queryKey: acKeys.estimate(input ?? { dates: [], zoneIds: [], start: '', end: '' }),
    queryFn: () => api.post<AcEstimate>('/ac/estimate', input),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
}

export function useMyAcRequests() {
  return useQuery({ queryKey: acKeys.mine, queryFn: () => api.get<AcRequestSummary[]>('/ac/requests/mine') });
}

export function useAcInbox() {
  return useQuery({ queryKey: acKeys.inbox, queryFn: () => api.get<AcInboxItem[]>('/ac/inbox') });
}

export function useAcRequest(id: string) {
  return useQuery({ queryKey: acKeys.request(id), queryFn: () => api.get<AcRequestDetail>(`/ac/requests/${id}`) });
}

function useRequestMutation<V>(fn: (v: V) => Promise<AcRequestDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (detail) => {
      qc.setQueryData(acKeys.request(detail.id), detail);
      void qc.invalidateQueries({ queryKey: acKeys.mine });
      void qc.invalidateQueries({ queryKey: acKeys.inbox });
      void qc.invalidateQueries({ queryKey: [...root, 'sheet'] });
      void qc.invalidateQueries({ queryKey: [...root, 'report'] });
    },
  });
}

export function useCreateAcRequest() {
  return useRequestMutation((body: AcRequestInputDto) => api.post<AcRequestDetail>('/ac/requests', body));
}

export function useResubmitAcRequest(id: string) {
  return useRequestMutation((body: AcResubmit) => api.put<AcRequestDetail>(`/ac/requests/${id}`, body));
}

export function useWithdrawAcRequest(id: string) {
  return useRequestMutation((body: AcWithdraw) => api.post<AcRequestDetail>(`/ac/requests/${id}/withdraw`, body));
}

export function useCancelAcRequest(id: string) {
  return useRequestMutation((body: AcCancel) => api.post<AcRequestDetail>(`/ac/requests/${id}/cancel`, body));
}

export function useDecideAcRequest(id: string) {
  return useRequestMutation((body: AcDecisionInput) => api.post<AcRequestDetail>(`/ac/requests/${id}/decisions`, body));
}

export function useAcDaySheet(date: string) {
  return useQuery({ queryKey: acKeys.sheet(date), queryFn: () => api.get<AcDaySheet>('/ac/instructions', { date }), enabled: /^\d{4}-\d{2}-\d{2}$/.test(date) });
}

export function useAcReport(fiscalYear: number) {
  return useQuery({ queryKey: acKeys.report(fiscalYear), queryFn: () => api.get<AcReport>('/ac/reports', { fiscalYear }), placeholderData: keepPreviousData });
}

export function usePutAcBudget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: AcBudgetDto) => api.put<AcBudgetDto>(`/ac/budgets/${b.fiscalYear}`, { yen: b.yen }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...root, 'report'] }),
  });
}

export function useAcBuildings() {
  return useQuery({ queryKey: acKeys.buildings, queryFn: () => api.get<AcBuildingDto[]>('/ac/buildings') });
}

export function useCreateAcBuilding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAcBuilding) => api.post<AcBuildingDto>('/ac/buildings', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: acKeys.buildings }),
  });
}

export function useCreateAcFloor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ buildingId, ...body }: CreateAcFloor & { buildingId: string }) => api.post<AcBuildingDto>(`/ac/buildings/${buildingId}/floors`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: acKeys.buildings }),
  });
}

/** The body as sent: defaults (hours, rate, valid from) are filled in by the form. */
export function useCreateAcZone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Required<CreateAcZone>) => api.post<AcZoneDto>('/ac/zones', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: acKeys.zones }),
  });
}

export function useAddAcRate(zoneId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AddAcRate) => api.post<AcZoneDto>(`/ac/zones/${zoneId}/rates`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: acKeys.zones }),
  });
}

export function useUpdateAcSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAcSettings) => api.patch<AcSettingsDto>('/ac/settings', body),
    onSuccess: (s) => qc.setQueryData(acKeys.settings, s),
  });
}
