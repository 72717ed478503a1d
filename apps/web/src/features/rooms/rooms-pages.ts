// One lazily loaded chunk for the meeting-room screens (the calendar component comes with it).
export { RoomsLayout } from './components/rooms-layout';
export { RoomSearchPage } from './components/search-page';
export { RoomCalendarPage } from './components/calendar-page';
export { RoomBookingNewPage, RoomBookingEditPage } from './components/booking-pages';
export { RoomMyBookingsPage } from './components/my-bookings-page';
export { AdminRoomsPage } from './components/admin/admin-rooms-page';
export { AdminRoomBlocksPage } from './components/admin/admin-blocks-page';
export { RoomCheckInPage } from './components/check-in-page';
export { RoomFeedPage } from './components/feed-page';
export { RoomQrPage } from './components/admin/room-qr-page';
export { AdminRoomSettingsPage } from './components/admin/admin-settings-page';
export { RoomLotteryPage } from './components/lottery-page';
export { AdminRoomLotteryPage, AdminRoomLotteryRoundPage } from './components/lottery-admin-page';
