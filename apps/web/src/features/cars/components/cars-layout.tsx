import { NavLink, Outlet, useLocation } from 'react-router';
import { Box, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { hasAnyRole } from '../../auth/roles';
import { CAR_ADMIN_ROLES } from '../roles';
import { DriverBanner } from './driver-banner';
import './cars.css';

type TabKey = 'availability' | 'newBooking' | 'myBookings' | 'lottery' | 'driver' | 'admin';
type AdminTabKey = 'cars' | 'blocks' | 'drivers' | 'bookings' | 'lottery' | 'settings';

const TABS: { to: string; key: TabKey; end?: boolean }[] = [
  { to: '/cars', key: 'availability', end: true },
  { to: '/cars/new', key: 'newBooking' },
  { to: '/cars/bookings', key: 'myBookings' },
  { to: '/cars/lottery', key: 'lottery' },
  { to: '/cars/driver', key: 'driver' },
];

const ADMIN_TABS: { to: string; key: AdminTabKey }[] = [
  { to: '/cars/admin/cars', key: 'cars' },
  { to: '/cars/admin/blocks', key: 'blocks' },
  { to: '/cars/admin/drivers', key: 'drivers' },
  { to: '/cars/admin/bookings', key: 'bookings' },
  { to: '/cars/admin/lottery', key: 'lottery' },
  { to: '/cars/admin/settings', key: 'settings' },
];

/** 公用車: the feature's own tabs (and the garage administrators' second row) above each screen. */
export function CarsLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const isAdmin = hasAnyRole(user.roles, CAR_ADMIN_ROLES);
  const inAdmin = pathname.startsWith('/cars/admin');
  const tabs = isAdmin ? [...TABS, { to: '/cars/admin', key: 'admin' as const }] : TABS;

  return (
    <Stack gap="lg">
      <Box component="nav" aria-label={t('cars.navLabel')}>
        <ul className="admin-tabs">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={'end' in tab ? tab.end : undefined} className="admin-tab">
                {t(`cars.tabs.${tab.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </Box>
      {isAdmin && inAdmin && (
        <Box component="nav" aria-label={t('cars.adminNavLabel')}>
          <ul className="admin-tabs car-admin-tabs">
            {ADMIN_TABS.map((tab) => (
              <li key={tab.to}>
                <NavLink to={tab.to} className="admin-tab">
                  {t(`cars.adminTabs.${tab.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {!inAdmin && pathname !== '/cars/driver' && <DriverBanner />}
      <Outlet />
    </Stack>
  );
}
