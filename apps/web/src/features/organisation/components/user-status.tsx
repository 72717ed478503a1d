import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '@rr/contracts';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime } from '../../../shared/time/tokyo';

export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  const lang = useLang();
  const locked = user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();
  return (
    <Group gap={4}>
      {user.isActive ? (
        <Badge color="green" variant="light" tt="none">
          {t('users.status.active')}
        </Badge>
      ) : (
        <Badge color="gray" variant="light" tt="none">
          {t('users.status.inactive')}
        </Badge>
      )}
      {locked && (
        <Badge color="red" variant="light" tt="none">
          {t('users.status.locked', { until: formatDateTime(user.lockedUntil, lang) })}
        </Badge>
      )}
      {!user.hasPassword && (
        <Badge color="gray" variant="outline" tt="none">
          {t('users.status.ssoOnly')}
        </Badge>
      )}
    </Group>
  );
}
