import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { RouteErrorPage } from './route-error-page';
import { LoginPage } from '../features/auth/components/login-page';
import { RequireAuth } from '../features/auth/components/require-auth';
import { RequireRole } from '../features/auth/components/require-role';
import { ADMIN_AREA_ROLES, ADMIN_ROLES, AUDIT_ROLES } from '../features/auth/roles';
import { HomePage } from '../features/home/components/home-page';
import { CAR_ADMIN_ROLES } from '../features/cars/roles';
import { roomsRoute } from '../features/rooms/rooms-routes';
import { acRoute } from '../features/ac-requests/ac-routes';
import { garageRoute } from '../features/garage/garage-routes';
import { lotteryAdminRoutes, lotteryRoutes } from '../features/car-lottery/lottery-routes';
import { AdminIndexRedirect, AdminLayout } from '../features/admin/components/admin-layout';
import { NotFoundPage } from '../shared/components/not-found-page';
import { LoadingState } from '../shared/components/loading-state';

type AdminPages = typeof import('../features/admin/admin-pages');
const admin = (name: keyof AdminPages) => async () => {
  const pages = await import('../features/admin/admin-pages');
  return { Component: pages[name] };
};

type NotificationsPages = typeof import('../features/notifications/notifications-pages');
const notifications = (name: keyof NotificationsPages) => async () => {
  const pages = await import('../features/notifications/notifications-pages');
  return { Component: pages[name] };
};

type CarsPages = typeof import('../features/cars/cars-pages');
const cars = (name: keyof CarsPages) => async () => {
  const pages = await import('../features/cars/cars-pages');
  return { Component: pages[name] };
};

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteErrorPage />,
    // Shown while a lazily loaded screen's code arrives on a direct visit (e.g. /admin/users).
    hydrateFallbackElement: <LoadingState fullPage />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'cars',
            lazy: cars('CarsLayout'),
            children: [
              { index: true, lazy: cars('AvailabilityPage') },
              { path: 'new', lazy: cars('BookingNewPage') },
              { path: 'bookings', lazy: cars('MyBookingsPage') },
              { path: 'bookings/:id/edit', lazy: cars('BookingEditPage') },
              { path: 'driver', lazy: cars('DriverPage') },
              ...lotteryRoutes,
              {
                path: 'admin',
                element: <RequireRole roles={CAR_ADMIN_ROLES} />,
                children: [
                  { index: true, element: <Navigate to="cars" replace /> },
                  { path: 'cars', lazy: cars('AdminCarsPage') },
                  { path: 'blocks', lazy: cars('AdminBlocksPage') },
                  { path: 'drivers', lazy: cars('AdminDriversPage') },
                  { path: 'bookings', lazy: cars('AdminBookingsPage') },
                  { path: 'settings', lazy: cars('AdminSettingsPage') },
                  ...lotteryAdminRoutes,
                ],
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
          roomsRoute,
          acRoute,
          garageRoute,
          { path: 'notifications', lazy: notifications('NotificationsPage') },
          { path: 'notifications/settings', lazy: notifications('NotificationSettingsPage') },
          {
            path: 'admin',
            element: (
              <RequireRole roles={ADMIN_AREA_ROLES}>
                <AdminLayout />
              </RequireRole>
            ),
            children: [
              { index: true, element: <AdminIndexRedirect /> },
              {
                element: <RequireRole roles={ADMIN_ROLES} />,
                children: [
                  { path: 'departments', lazy: admin('DepartmentsPage') },
                  { path: 'sections', lazy: admin('SectionsPage') },
                  { path: 'users', lazy: admin('UsersPage') },
                  { path: 'users/new', lazy: admin('UserCreatePage') },
                  { path: 'users/import', lazy: admin('UserCsvImportPage') },
                  { path: 'users/:id', lazy: admin('UserDetailPage') },
                  { path: 'closed-days', lazy: admin('ClosedDaysPage') },
                  { path: 'notifications', lazy: admin('AdminNotificationsPage') },
                ],
              },
              {
                element: <RequireRole roles={AUDIT_ROLES} />,
                children: [{ path: 'audit', lazy: admin('AuditLogPage') }],
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
