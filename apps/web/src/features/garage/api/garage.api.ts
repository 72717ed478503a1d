import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Board,
  CheckOut,
  AlcoholCheck,
  CheckOutResult,
  CreateAlcoholCheck,
  CreateDetectorInput,
  CreateInspectionInput,
  Detector,
  DetectorInspection,
  GarageRecords,
  GarageSettings,
  Ledger,
  CorrectAlcoholCheck,
  CorrectDrivingLog,
  DrivingLog,
  MoveToFreeCar,
  MoveToFreeCarResult,
  MyTrips,
  ReturnKey,
  UpdateDetector,
  ReturnResult,
  UpdateGarageSettings,
} from '@rr/contracts';
import { api, apiUrl, type QueryValue } from '../../../shared/api/client';

// Query keys: everything under ['garage'] so one invalidation refreshes the feature after a change.
const root = ['garage'] as const;
export const garageKeys = {
  root,
  board: [...root, 'board'] as const,
  detectors: [...root, 'detectors'] as const,
  records: [...root, 'records'] as const,
  ledger: [...root, 'ledger'] as const,
  myTrips: [...root, 'my-trips'] as const,
  settings: [...root, 'settings'] as const,
};

export function useBoard(date: string) {
  return useQuery({
    queryKey: [...garageKeys.board, date],
    queryFn: ({ signal }) => api.get<Board>('/garage/board', { date }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useDetectors() {
  return useQuery({ queryKey: garageKeys.detectors, queryFn: ({ signal }) => api.get<Detector[]>('/garage/detectors', undefined, signal) });
}

export function useGarageSettings() {
  return useQuery({ queryKey: garageKeys.settings, queryFn: () => api.get<GarageSettings>('/garage/settings'), staleTime: 5 * 60_000 });
}

export function useCheckOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ bookingId, body }: { bookingId: string; body: CheckOut }) => api.post<CheckOutResult>(`/garage/bookings/${bookingId}/check-out`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: garageKeys.root }),
  });
}

export function useReturnKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ bookingId, body }: { bookingId: string; body: ReturnKey }) => api.post<ReturnResult>(`/garage/bookings/${bookingId}/return`, body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: garageKeys.root });
      void qc.invalidateQueries({ queryKey: ['cars'] });
    },
  });
}

export interface RecordsFilter extends Record<string, QueryValue> {
  from: string;
  to: string;
  carId?: string;
  driverId?: string;
  history?: boolean;
}

export function useRecords(filter: RecordsFilter) {
  return useQuery({
    queryKey: [...garageKeys.records, filter],
    queryFn: ({ signal }) => api.get<GarageRecords>('/garage/records', filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** The CSV download link (the browser sends the session cookie; a GET needs no CSRF token). */
export function recordsCsvUrl(filter: RecordsFilter, kind: 'checks' | 'logs'): string {
  return apiUrl('/garage/records.csv', { ...filter, history: undefined, kind });
}

export function useLedger(month: string) {
  return useQuery({ queryKey: [...garageKeys.ledger, month], queryFn: ({ signal }) => api.get<Ledger>('/garage/ledger', { month }, signal), enabled: /^\d{4}-\d{2}$/.test(month) });
}

export function useMyTrips() {
  return useQuery({ queryKey: garageKeys.myTrips, queryFn: ({ signal }) => api.get<MyTrips>('/garage/my-trips', undefined, signal) });
}

export function useCreateDetector() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDetectorInput) => api.post<Detector>('/garage/detectors', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: garageKeys.detectors }),
  });
}

export function useInspect() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ detectorId, body }: { detectorId: string; body: CreateInspectionInput }) => api.post<DetectorInspection>(`/garage/detectors/${detectorId}/inspections`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: garageKeys.detectors }),
  });
}

export function useUpdateGarageSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateGarageSettings) => api.put<GarageSettings>('/garage/settings', body),
    onSuccess: (settings) => qc.setQueryData(garageKeys.settings, settings),
  });
}

export function useRecordCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAlcoholCheck) => api.post<AlcoholCheck>('/garage/alcohol-checks', body),
    onSettled: () => void qc.invalidateQueries({ queryKey: garageKeys.root }),
  });
}

/** 返却遅れ: moves the holder's booking to the offered (or first free) car of the same class. */
export function useAcceptLateOffer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ bookingId, body }: { bookingId: string; body: MoveToFreeCar }) => api.post<MoveToFreeCarResult>(`/garage/bookings/${bookingId}/move-car`, body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: garageKeys.root });
      void qc.invalidateQueries({ queryKey: ['cars'] });
    },
  });
}

export function useUpdateDetector() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ detectorId, body }: { detectorId: string; body: UpdateDetector }) => api.patch<Detector>(`/garage/detectors/${detectorId}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: garageKeys.detectors }),
  });
}

/** 訂正: a new check row referencing the corrected one, with a reason. */
export function useCorrectCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ checkId, body }: { checkId: string; body: CorrectAlcoholCheck }) => api.post<AlcoholCheck>(`/garage/alcohol-checks/${checkId}/corrections`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: garageKeys.root }),
  });
}

/** 訂正: a new driving-log row referencing the corrected one, with a reason. */
export function useCorrectLog() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ logId, body }: { logId: string; body: CorrectDrivingLog }) => api.post<DrivingLog>(`/garage/driving-logs/${logId}/corrections`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: garageKeys.root }),
  });
}
