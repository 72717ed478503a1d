import { Navigate, type RouteObject } from 'react-router';
import { RequireRole } from '../auth/components/require-role';
import { NotFoundPage } from '../../shared/components/not-found-page';
import { ROOM_ADMIN_ROLES } from './roles';

type RoomsPages = typeof import('./rooms-pages');
const page = (name: keyof RoomsPages) => async () => {
  const pages = await import('./rooms-pages');
  return { Component: pages[name] };
};

/** 会議室: the routes under /rooms (mounted by the app router). */
export const roomsRoute: RouteObject = {
  path: 'rooms',
  lazy: page('RoomsLayout'),
  children: [
    { index: true, lazy: page('RoomSearchPage') },
    { path: 'calendar', lazy: page('RoomCalendarPage') },
    { path: 'new', lazy: page('RoomBookingNewPage') },
    { path: 'bookings', lazy: page('RoomMyBookingsPage') },
    { path: 'bookings/:id/edit', lazy: page('RoomBookingEditPage') },
    { path: 'feed', lazy: page('RoomFeedPage') },
    { path: 'lottery', lazy: page('RoomLotteryPage') },
    // The QR code on a room's door links here (see RoomQrPage).
    { path: ':roomId/check-in', lazy: page('RoomCheckInPage') },
    {
      path: 'admin',
      element: <RequireRole roles={ROOM_ADMIN_ROLES} />,
      children: [
        { index: true, element: <Navigate to="rooms" replace /> },
        { path: 'rooms', lazy: page('AdminRoomsPage') },
        { path: 'rooms/:id/qr', lazy: page('RoomQrPage') },
        { path: 'blocks', lazy: page('AdminRoomBlocksPage') },
        { path: 'settings', lazy: page('AdminRoomSettingsPage') },
        { path: 'lottery', lazy: page('AdminRoomLotteryPage') },
        { path: 'lottery/:id', lazy: page('AdminRoomLotteryRoundPage') },
      ],
    },
    { path: '*', element: <NotFoundPage /> },
  ],
};
