import { Box, Burger, Button, Group, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { LanguageSwitch } from '../../shared/components/language-switch';

interface Props {
  navOpened: boolean;
  onToggleNav: () => void;
  onSignOut: () => void;
  signingOut: boolean;
}

export function AppHeader({ navOpened, onToggleNav, onSignOut, signingOut }: Props) {
  const { t } = useTranslation();
  const user = useCurrentUser();

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={navOpened ? t('nav.close') : t('nav.open')}
          aria-expanded={navOpened}
          className="touch-target"
        />
        <UnstyledButton component={Link} to="/" className="brand-link">
          {t('app.name')}
        </UnstyledButton>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <NotificationBell />
        <Box visibleFrom="md">
          <LanguageSwitch />
        </Box>
        <Box className="current-user" aria-label={t('header.signedInAs')} role="group" visibleFrom="sm">
          <Text fw={700} size="sm" lh={1.3} className="current-user-name">
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed" lh={1.3}>
            {user.department.name} {user.section.name}
          </Text>
        </Box>
        <Button variant="default" size="sm" onClick={onSignOut} loading={signingOut}>
          {t('header.logout')}
        </Button>
      </Group>
    </Group>
  );
}
