import { NavLink, Outlet, useLocation } from 'react-router';
import { Box, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { hasAnyRole } from '../../auth/roles';
import { ROOM_ADMIN_ROLES } from '../roles';
import './rooms.css';

type TabKey = 'search' | 'calendar' | 'newBooking' | 'myBookings' | 'feed' | 'lottery' | 'admin';
type AdminTabKey = 'rooms' | 'blocks' | 'settings' | 'lottery';

const TABS: { to: string; key: TabKey; end?: boolean }[] = [
  { to: '/rooms', key: 'search', end: true },
  { to: '/rooms/calendar', key: 'calendar' },
  { to: '/rooms/new', key: 'newBooking' },
  { to: '/rooms/bookings', key: 'myBookings' },
  { to: '/rooms/feed', key: 'feed' },
  { to: '/rooms/lottery', key: 'lottery' },
];

const ADMIN_TABS: { to: string; key: AdminTabKey }[] = [
  { to: '/rooms/admin/rooms', key: 'rooms' },
  { to: '/rooms/admin/blocks', key: 'blocks' },
  { to: '/rooms/admin/settings', key: 'settings' },
  { to: '/rooms/admin/lottery', key: 'lottery' },
];

/** 会議室: the feature's own tabs (and General Affairs' second row) above each screen. */
export function RoomsLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const isAdmin = hasAnyRole(user.roles, ROOM_ADMIN_ROLES);
  const inAdmin = pathname.startsWith('/rooms/admin');
  const tabs = isAdmin ? [...TABS, { to: '/rooms/admin', key: 'admin' as const }] : TABS;

  return (
    <Stack gap="lg">
      <Box component="nav" aria-label={t('rooms.navLabel')} className="room-no-print">
        <ul className="admin-tabs">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={'end' in tab ? tab.end : undefined} className="admin-tab">
                {t(`rooms.tabs.${tab.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </Box>
      {isAdmin && inAdmin && (
        <Box component="nav" aria-label={t('rooms.adminNavLabel')} className="room-no-print">
          <ul className="admin-tabs room-admin-tabs">
            {ADMIN_TABS.map((tab) => (
              <li key={tab.to}>
                <NavLink to={tab.to} className="admin-tab">
                  {t(`rooms.adminTabs.${tab.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </Box>
      )}
      <Outlet />
    </Stack>
  );
}
