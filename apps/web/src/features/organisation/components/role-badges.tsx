import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '@rr/contracts';

export function RoleBadges({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((r) => (
        <Badge key={r} variant="light" color={r === 'sysadmin' ? 'grape' : r === 'staff' ? 'gray' : 'blue'} tt="none">
          {t(`roles.${r}`)}
        </Badge>
      ))}
    </Group>
  );
}
