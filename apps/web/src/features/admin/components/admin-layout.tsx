import { Navigate, NavLink, Outlet } from 'react-router';
import { Box, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '@rr/contracts';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { ADMIN_ROLES, AUDIT_ROLES, hasAnyRole } from '../../auth/roles';

interface AdminSection {
  to: string;
  labelKey: 'admin.nav.departments' | 'admin.nav.sections' | 'admin.nav.users' | 'admin.nav.audit' | 'admin.nav.closedDays' | 'admin.nav.notifications';
  roles: readonly Role[];
}

export const ADMIN_SECTIONS: AdminSection[] = [
  { to: '/admin/departments', labelKey: 'admin.nav.departments', roles: ADMIN_ROLES },
  { to: '/admin/sections', labelKey: 'admin.nav.sections', roles: ADMIN_ROLES },
  { to: '/admin/users', labelKey: 'admin.nav.users', roles: ADMIN_ROLES },
  { to: '/admin/audit', labelKey: 'admin.nav.audit', roles: AUDIT_ROLES },
  { to: '/admin/closed-days', labelKey: 'admin.nav.closedDays', roles: ADMIN_ROLES },
  { to: '/admin/notifications', labelKey: 'admin.nav.notifications', roles: ADMIN_ROLES },
];

/** 管理: a sub-navigation of the admin screens this user may open, above the current one. */
export function AdminLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const sections = ADMIN_SECTIONS.filter((s) => hasAnyRole(user.roles, s.roles));
  return (
    <Stack gap="lg">
      <Box component="nav" aria-label={t('admin.navLabel')} className="admin-nav">
        <Text component="p" fw={700} size="sm" c="dimmed" mb={4}>
          {t('admin.title')}
        </Text>
        <ul className="admin-tabs">
          {sections.map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} className="admin-tab">
                {t(s.labelKey)}
              </NavLink>
            </li>
          ))}
        </ul>
      </Box>
      <Outlet />
    </Stack>
  );
}

/** /admin itself: the first screen this user may open. */
export function AdminIndexRedirect() {
  const user = useCurrentUser();
  const first = ADMIN_SECTIONS.find((s) => hasAnyRole(user.roles, s.roles));
  return <Navigate to={first?.to ?? '/'} replace />;
}
