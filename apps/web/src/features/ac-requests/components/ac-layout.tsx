import { NavLink, Outlet } from 'react-router';
import { Box, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { hasAnyRole } from '../../auth/roles';
import { AC_ADMIN_ROLES, AC_OPERATOR_ROLES } from '../roles';

type TabKey = 'new' | 'mine' | 'inbox' | 'operator' | 'reports' | 'zones';

/** 空調延長: the feature's tabs; operator and administration tabs only for those roles (the API checks again). */
export function AcLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const tabs: { to: string; key: TabKey; end?: boolean }[] = [
    { to: '/ac/new', key: 'new' },
    { to: '/ac/requests', key: 'mine', end: true },
    { to: '/ac/inbox', key: 'inbox' },
  ];
  if (hasAnyRole(user.roles, AC_OPERATOR_ROLES)) tabs.push({ to: '/ac/operator', key: 'operator' });
  if (hasAnyRole(user.roles, AC_ADMIN_ROLES)) tabs.push({ to: '/ac/reports', key: 'reports' }, { to: '/ac/zones', key: 'zones' });
  return (
    <Stack gap="lg">
      <Box component="nav" aria-label={t('ac.navLabel')}>
        <ul className="admin-tabs">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.end} className="admin-tab">
                {t(`ac.tabs.${tab.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </Box>
      <Outlet />
    </Stack>
  );
}
