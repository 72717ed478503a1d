// Meeting spaces (会議室・会議スペース・Web会議ブース): rooms, blocks, first-come bookings (ADR 0012);
// recurring series, check-in / no-show release, the after-hours AC link and ICS feeds (ADR 0017).
export { RoomsModule, RoomsCoreModule } from './rooms.module';
export { RoomsService } from './rooms.service';
export { RoomBookingsService } from './room-bookings.service';
export { RoomBookingQueriesService } from './room-booking-queries.service';
export { RoomSeriesService } from './room-series.service';
export { RoomCheckInService, type ReleaseOutcome } from './room-check-in.service';
export { RoomSettingsService, type RoomSettingsValues } from './room-settings.service';
export { RoomAcNeedsService } from './room-ac-needs.service';
export { RoomFeedsService } from './room-feeds.service';
export { ROOMS_CLOCK } from './rooms-clock';
export { RoomErrors } from './rooms.errors';
export { checkRoomBookingWindow, checkRoomInterval, type RoomWindowSettings } from './rules/room-booking-window';
export { acNeedFor, acRequestLink, type AcNeed } from './rules/ac-need';
