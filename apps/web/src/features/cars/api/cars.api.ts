import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  Car,
  CarAvailability,
  CarBlock,
  CarBlockResult,
  CarBooking,
  CarBookingSettings,
  CarClass,
  CarPool,
  CreateCar,
  CreateCarBlock,
  CreateCarBooking,
  Driver,
  DriverStatus,
  Garage,
  Page,
  SectionDriver,
  UpdateCar,
  UpdateCarBlock,
  UpdateCarBooking,
  UpdateCarBookingSettings,
  UpsertOwnDriver,
} from '@rr/contracts';
import { api } from '../../../shared/api/client';

// Query keys: everything under ['cars'] so one invalidation refreshes the feature after a change.
const root = ['cars'] as const;
export const carsKeys = {
  root,
  classes: [...root, 'classes'] as const,
  garages: [...root, 'garages'] as const,
  pools: [...root, 'pools'] as const,
  fleet: [...root, 'fleet'] as const,
  settings: [...root, 'settings'] as const,
  availability: [...root, 'availability'] as const,
  bookings: [...root, 'bookings'] as const,
  driverMe: [...root, 'driver-me'] as const,
  sectionDrivers: [...root, 'section-drivers'] as const,
  drivers: [...root, 'drivers'] as const,
  blocks: [...root, 'blocks'] as const,
};

/** After a booking, block or car changes, anything showing occupancy may be stale. */
function invalidateOccupancy(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: carsKeys.availability });
  void qc.invalidateQueries({ queryKey: carsKeys.bookings });
}

// ---------------------------------------------------------------- reference data

export function useCarClasses() {
  return useQuery({ queryKey: carsKeys.classes, queryFn: () => api.get<CarClass[]>('/car-classes'), staleTime: 10 * 60_000 });
}

export function useGarages() {
  return useQuery({ queryKey: carsKeys.garages, queryFn: () => api.get<Garage[]>('/garages'), staleTime: 5 * 60_000 });
}

export function useCarPools() {
  return useQuery({ queryKey: carsKeys.pools, queryFn: () => api.get<CarPool[]>('/car-pools'), staleTime: 5 * 60_000 });
}

export function useCarSettings() {
  return useQuery({ queryKey: carsKeys.settings, queryFn: () => api.get<CarBookingSettings>('/car-settings'), staleTime: 5 * 60_000 });
}

export function useUpdateCarSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCarBookingSettings) => api.patch<CarBookingSettings>('/car-settings', body),
    onSuccess: (settings) => {
      qc.setQueryData(carsKeys.settings, settings);
      void qc.invalidateQueries({ queryKey: carsKeys.availability });
    },
  });
}

// ---------------------------------------------------------------- fleet

export interface FleetFilter {
  status?: 'active' | 'retired' | 'all';
  classCode?: string;
  poolId?: string;
  garageId?: string;
}

export function useCars(filter: FleetFilter = {}) {
  return useQuery({
    queryKey: [...carsKeys.fleet, filter],
    queryFn: ({ signal }) => api.get<Car[]>('/cars', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSaveCar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateCar | UpdateCar }) =>
      id ? api.patch<Car>(`/cars/${id}`, body) : api.post<Car>('/cars', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: carsKeys.fleet });
      void qc.invalidateQueries({ queryKey: carsKeys.pools });
      void qc.invalidateQueries({ queryKey: carsKeys.garages });
      void qc.invalidateQueries({ queryKey: carsKeys.availability });
    },
  });
}

// ---------------------------------------------------------------- availability and bookings

export interface AvailabilityFilter {
  date: string;
  poolId?: string;
  classCode?: string;
}

export function useAvailability(filter: AvailabilityFilter) {
  return useQuery({
    queryKey: [...carsKeys.availability, filter],
    queryFn: ({ signal }) => api.get<CarAvailability>('/car-availability', { ...filter }, signal),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export interface MyBookingsFilter {
  from?: string;
  to?: string;
  includeInactive?: boolean;
}

export function useMyBookings(filter: MyBookingsFilter, enabled = true) {
  return useQuery({
    queryKey: [...carsKeys.bookings, 'mine', filter],
    queryFn: ({ signal }) => api.get<CarBooking[]>('/car-bookings/mine', { ...filter }, signal),
    enabled,
  });
}

export function useBooking(id: string | undefined) {
  return useQuery({
    queryKey: [...carsKeys.bookings, 'one', id],
    queryFn: () => api.get<CarBooking>(`/car-bookings/${id}`),
    enabled: !!id,
  });
}

export interface AdminBookingsFilter {
  date?: string;
  needsReassignment?: boolean;
  status?: string;
  limit: number;
  offset: number;
}

export function useAdminBookings(filter: AdminBookingsFilter) {
  return useQuery({
    queryKey: [...carsKeys.bookings, 'all', filter],
    queryFn: ({ signal }) => api.get<Page<CarBooking>>('/car-bookings', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCarBooking) => api.post<CarBooking>('/car-bookings', body),
    onSuccess: () => invalidateOccupancy(qc),
  });
}

export function useUpdateBooking(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCarBooking) => api.patch<CarBooking>(`/car-bookings/${id}`, body),
    onSuccess: () => invalidateOccupancy(qc),
  });
}

export function useCancelBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<CarBooking>(`/car-bookings/${id}/cancel`),
    onSuccess: () => invalidateOccupancy(qc),
  });
}

// ---------------------------------------------------------------- drivers

export function useDriverMe() {
  return useQuery({ queryKey: carsKeys.driverMe, queryFn: () => api.get<DriverStatus>('/drivers/me') });
}

export function useSaveDriverMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpsertOwnDriver) => api.put<DriverStatus>('/drivers/me', body),
    onSuccess: (status) => {
      qc.setQueryData(carsKeys.driverMe, status);
      void qc.invalidateQueries({ queryKey: carsKeys.sectionDrivers });
    },
  });
}

export function useSectionDrivers() {
  return useQuery({ queryKey: carsKeys.sectionDrivers, queryFn: () => api.get<SectionDriver[]>('/drivers/section') });
}

export type DriverFilterName = 'expiring_soon' | 'expired' | 'unapproved' | 'eligible';

export interface DriversFilter {
  filter?: DriverFilterName;
  q?: string;
  limit: number;
  offset: number;
}

export function useDrivers(filter: DriversFilter) {
  return useQuery({
    queryKey: [...carsKeys.drivers, filter],
    queryFn: ({ signal }) => api.get<Page<Driver>>('/drivers', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSetDriverApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, approve }: { userId: string; approve: boolean }) =>
      api.post<Driver>(`/drivers/${userId}/${approve ? 'approve' : 'revoke'}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: carsKeys.drivers });
      void qc.invalidateQueries({ queryKey: carsKeys.driverMe });
      void qc.invalidateQueries({ queryKey: carsKeys.sectionDrivers });
    },
  });
}

// ---------------------------------------------------------------- maintenance blocks

export interface BlocksFilter {
  carId?: string;
  from?: string;
  to?: string;
}

export function useCarBlocks(filter: BlocksFilter) {
  return useQuery({
    queryKey: [...carsKeys.blocks, filter],
    queryFn: ({ signal }) => api.get<CarBlock[]>('/car-blocks', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSaveBlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateCarBlock | UpdateCarBlock }) =>
      id ? api.patch<CarBlockResult>(`/car-blocks/${id}`, body) : api.post<CarBlockResult>('/car-blocks', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: carsKeys.blocks });
      invalidateOccupancy(qc);
    },
  });
}

export function useDeleteBlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/car-blocks/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: carsKeys.blocks });
      invalidateOccupancy(qc);
    },
  });
}
