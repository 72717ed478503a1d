// Meeting spaces (会議室・会議スペース・Web会議ブース): rooms, blocks, first-come bookings. See ADR 0012.
export { RoomsModule } from './rooms.module';
export { RoomsService } from './rooms.service';
export { RoomBookingsService } from './room-bookings.service';
export { RoomBookingQueriesService } from './room-booking-queries.service';
export { ROOMS_CLOCK } from './rooms-clock';
export { RoomErrors } from './rooms.errors';
export { checkRoomBookingWindow, checkRoomInterval, type RoomWindowSettings } from './rules/room-booking-window';
