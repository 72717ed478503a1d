import { Box, Divider, NavLink as MantineNavLink, Stack, Text } from '@mantine/core';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { ADMIN_AREA_ROLES, hasAnyRole } from '../../features/auth/roles';
import { CAR_ADMIN_ROLES } from '../../features/cars/roles';
import { LanguageSwitch } from '../../shared/components/language-switch';

interface Item {
  to: string;
  label: string;
  end?: boolean;
}

export function MainNav() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const items: Item[] = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/cars', label: t('nav.cars') },
    // Every driver's own trips and driving log (運転日誌) from the garage counter.
    { to: '/garage/my-trips', label: t('nav.myTrips') },
    { to: '/rooms', label: t('nav.rooms') },
    { to: '/ac', label: t('nav.ac') },
    { to: '/notifications', label: t('nav.notifications') },
  ];
  if (hasAnyRole(user.roles, CAR_ADMIN_ROLES)) items.push({ to: '/garage', label: t('nav.garage') });
  if (hasAnyRole(user.roles, ADMIN_AREA_ROLES)) items.push({ to: '/admin', label: t('nav.admin') });

  return (
    <Stack gap={4}>
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.to}>
            {/* react-router's NavLink sets aria-current="page" on the active item. */}
            <MantineNavLink component={NavLink} to={item.to} end={item.end} label={item.label} className="main-nav-link" />
          </li>
        ))}
      </ul>
      <Box hiddenFrom="md">
        <Divider my="sm" />
        {/* On phones the header has no room for the user's name: show it here instead. */}
        <Box hiddenFrom="sm" mb="sm" role="group" aria-label={t('header.signedInAs')}>
          <Text fw={700}>{user.displayName}</Text>
          <Text size="sm" c="dimmed">
            {user.department.name} {user.section.name}
          </Text>
        </Box>
        <LanguageSwitch />
      </Box>
    </Stack>
  );
}
