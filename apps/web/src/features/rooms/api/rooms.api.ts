import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  CalendarFeed,
  CancelRoomSeries,
  CreateRoomSeries,
  RoomAcNeed,
  RoomNoShow,
  RoomSeries,
  RoomSeriesResult,
  RoomSettings,
  UpdateRoomSeries,
  UpdateRoomSettings,
  CreateRoom,
  CreateRoomBlock,
  CreateRoomBooking,
  Room,
  RoomBlock,
  RoomBlockResult,
  RoomBooking,
  RoomCalendar,
  RoomEquipment,
  RoomTypeName,
  UpdateRoom,
  UpdateRoomBooking,
} from '@rr/contracts';
import { api } from '../../../shared/api/client';

// Query keys: everything under ['rooms'] so one invalidation refreshes the feature after a change.
const root = ['rooms'] as const;
export const roomsKeys = {
  root,
  list: [...root, 'list'] as const,
  free: [...root, 'free'] as const,
  calendar: [...root, 'calendar'] as const,
  bookings: [...root, 'bookings'] as const,
  blocks: [...root, 'blocks'] as const,
  series: [...root, 'series'] as const,
  settings: [...root, 'settings'] as const,
  noShows: [...root, 'no-shows'] as const,
  acNeeds: [...root, 'ac-needs'] as const,
  feeds: [...root, 'feeds'] as const,
};

/** Put a changed booking into every cached list of mine at once (the lists refetch too). */
function replaceInLists(qc: QueryClient, booking: RoomBooking): void {
  qc.setQueriesData<RoomBooking[]>({ queryKey: [...roomsKeys.bookings, 'mine'] }, (list) => list?.map((b) => (b.id === booking.id ? booking : b)));
  qc.setQueryData([...roomsKeys.bookings, 'one', booking.id], booking);
}

/** After a booking, block or room changes, anything showing occupancy may be stale. */
export function invalidateOccupancy(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: roomsKeys.free });
  void qc.invalidateQueries({ queryKey: roomsKeys.calendar });
  void qc.invalidateQueries({ queryKey: roomsKeys.bookings });
}

// ---------------------------------------------------------------- rooms

export interface RoomsFilter {
  building?: string;
  floor?: number;
  type?: RoomTypeName;
  includeInactive?: boolean;
}

export function useRooms(filter: RoomsFilter = {}) {
  return useQuery({
    queryKey: [...roomsKeys.list, filter],
    queryFn: ({ signal }) => api.get<Room[]>('/rooms', { ...filter }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useRoom(id: string | undefined) {
  return useQuery({
    queryKey: [...roomsKeys.list, 'one', id],
    queryFn: () => api.get<Room>(`/rooms/${id}`),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useSaveRoom() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateRoom | UpdateRoom }) =>
      id ? api.patch<Room>(`/rooms/${id}`, body) : api.post<Room>('/rooms', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: roomsKeys.list });
      invalidateOccupancy(qc);
    },
  });
}

export function useDeleteRoom() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/rooms/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: roomsKeys.list }),
  });
}

// ---------------------------------------------------------------- search and calendar

export interface FreeRoomsFilter {
  startsAt: string;
  endsAt: string;
  minCapacity?: number;
  equipment?: RoomEquipment[];
  building?: string;
  floor?: number;
  type?: RoomTypeName;
}

export function useFreeRooms(filter: FreeRoomsFilter | null) {
  return useQuery({
    queryKey: [...roomsKeys.free, filter],
    queryFn: ({ signal }) => {
      const f = filter as FreeRoomsFilter;
      return api.get<Room[]>('/rooms/free', { ...f, equipment: f.equipment?.length ? f.equipment.join(',') : undefined }, signal);
    },
    enabled: filter !== null,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export type CalendarFilter = { date: string; days: 1 | 7 } & ({ roomId: string } | { building?: string; floor: number });

export function useRoomCalendar(filter: CalendarFilter | null) {
  return useQuery({
    queryKey: [...roomsKeys.calendar, filter],
    queryFn: ({ signal }) => api.get<RoomCalendar>('/room-calendar', { ...(filter as CalendarFilter) }, signal),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

// ---------------------------------------------------------------- bookings

export interface MyRoomBookingsFilter {
  from?: string;
  to?: string;
  includeInactive?: boolean;
}

export function useMyRoomBookings(filter: MyRoomBookingsFilter, enabled = true) {
  return useQuery({
    queryKey: [...roomsKeys.bookings, 'mine', filter],
    queryFn: ({ signal }) => api.get<RoomBooking[]>('/room-bookings/mine', { ...filter }, signal),
    enabled,
  });
}

export function useRoomBooking(id: string | undefined) {
  return useQuery({
    queryKey: [...roomsKeys.bookings, 'one', id],
    queryFn: () => api.get<RoomBooking>(`/room-bookings/${id}`),
    enabled: !!id,
  });
}

export function useCreateRoomBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoomBooking) => api.post<RoomBooking>('/room-bookings', body),
    onSuccess: () => invalidateOccupancy(qc),
  });
}

export function useUpdateRoomBooking(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateRoomBooking) => api.patch<RoomBooking>(`/room-bookings/${id}`, body),
    onSuccess: (booking) => {
      replaceInLists(qc, booking);
      invalidateOccupancy(qc);
    },
  });
}

export function useCancelRoomBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RoomBooking>(`/room-bookings/${id}/cancel`),
    onSuccess: (booking) => {
      replaceInLists(qc, booking);
      invalidateOccupancy(qc);
    },
  });
}

// ---------------------------------------------------------------- blocks

export interface RoomBlocksFilter {
  roomId?: string;
  from?: string;
  to?: string;
}

export function useRoomBlocks(filter: RoomBlocksFilter) {
  return useQuery({
    queryKey: [...roomsKeys.blocks, filter],
    queryFn: ({ signal }) => api.get<RoomBlock[]>('/room-blocks', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateRoomBlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoomBlock) => api.post<RoomBlockResult>('/room-blocks', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: roomsKeys.blocks });
      invalidateOccupancy(qc);
    },
  });
}

export function useDeleteRoomBlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/room-blocks/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: roomsKeys.blocks });
      invalidateOccupancy(qc);
    },
  });
}

// ---------------------------------------------------------------- recurring series (ADR 0017)

export function useRoomSeries(id: string | null | undefined) {
  return useQuery({
    queryKey: [...roomsKeys.series, id],
    queryFn: () => api.get<RoomSeries>(`/room-series/${id}`),
    enabled: !!id,
  });
}

export function useCreateRoomSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoomSeries) => api.post<RoomSeriesResult>('/room-series', body),
    onSuccess: () => invalidateOccupancy(qc),
  });
}

export function useUpdateRoomSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateRoomSeries }) => api.patch<RoomSeriesResult>(`/room-series/${id}`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: roomsKeys.series });
      invalidateOccupancy(qc);
    },
  });
}

export function useCancelRoomSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CancelRoomSeries }) => api.post<RoomSeriesResult>(`/room-series/${id}/cancel`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: roomsKeys.series });
      invalidateOccupancy(qc);
    },
  });
}

// ---------------------------------------------------------------- check-in, no-shows, settings

/** From the booking (a holder). */
export function useCheckInBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (bookingId: string) => api.post<RoomBooking>(`/room-bookings/${bookingId}/check-in`),
    onSuccess: (booking) => {
      replaceInLists(qc, booking);
      invalidateOccupancy(qc);
    },
  });
}

/** From the room's QR code: the signed-in user's booking of the room whose window is open now. */
export function useCheckInRoom() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (roomId: string) => api.post<RoomBooking>(`/rooms/${roomId}/check-in`),
    onSuccess: (booking) => {
      replaceInLists(qc, booking);
      invalidateOccupancy(qc);
    },
  });
}

export function useRoomNoShows(filter: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [...roomsKeys.noShows, filter],
    queryFn: ({ signal }) => api.get<RoomNoShow[]>('/room-no-shows', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface RoomAcNeedsFilter {
  status: 'open' | 'void' | 'requested';
  from?: string;
  to?: string;
}

/** Recorded after-hours AC needs (General Affairs; the AC feature's intake). */
export function useRoomAcNeeds(filter: RoomAcNeedsFilter) {
  return useQuery({
    queryKey: [...roomsKeys.acNeeds, filter],
    queryFn: ({ signal }) => api.get<RoomAcNeed[]>('/room-ac-needs', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRoomSettings() {
  return useQuery({ queryKey: roomsKeys.settings, queryFn: () => api.get<RoomSettings>('/room-settings'), staleTime: 5 * 60_000 });
}

export function useUpdateRoomSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateRoomSettings) => api.patch<RoomSettings>('/room-settings', body),
    onSuccess: (settings) => {
      qc.setQueryData(roomsKeys.settings, settings);
      invalidateOccupancy(qc);
    },
  });
}

// ---------------------------------------------------------------- calendar feeds (ICS)

/** 'me' = my own feed; otherwise a room id. */
export type FeedOwner = 'me' | { roomId: string };

const feedPath = (owner: FeedOwner) => (owner === 'me' ? '/ical-feeds/me' : `/ical-feeds/rooms/${owner.roomId}`);

export function useCalendarFeed(owner: FeedOwner | null) {
  return useQuery({
    queryKey: [...roomsKeys.feeds, owner],
    queryFn: () => api.get<CalendarFeed>(feedPath(owner as FeedOwner)),
    enabled: owner !== null,
    retry: false,
  });
}

export function useRotateCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (owner: FeedOwner) => api.post<CalendarFeed>(`${feedPath(owner)}/rotate`),
    onSuccess: (feed, owner) => qc.setQueryData([...roomsKeys.feeds, owner], feed),
  });
}

export function useDeleteCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (owner: FeedOwner) => api.delete(feedPath(owner)),
    onSuccess: (_v, owner) => qc.removeQueries({ queryKey: [...roomsKeys.feeds, owner] }),
  });
}
