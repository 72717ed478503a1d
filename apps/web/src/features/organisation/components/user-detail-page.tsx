import { useState } from 'react';
import { Anchor, Group, Stack, Tabs, Text } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUpdateUser, useUser } from '../api/users.api';
import { UserForm } from './user-form';
import { PasswordResetForm } from './password-reset-form';
import { DeputiesForm } from './deputies-form';
import { AbsencesPanel } from './absences-panel';
import { RoleBadges } from './role-badges';
import { UserStatus } from './user-status';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';

export function UserDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const user = useUser(id);
  const update = useUpdateUser(id);
  const [notice, setNotice] = useState((location.state as { created?: boolean } | null)?.created ? t('users.created') : '');

  return (
    <Stack>
      <Anchor component={Link} to="/admin/users" size="sm">
        {t('users.backToList')}
      </Anchor>
      {user.isPending && <LoadingState />}
      <ErrorAlert error={user.error} />
      {user.data && (
        <>
          <PageHeader
            title={user.data.displayName}
            description={
              <>
                {user.data.departmentName} {user.data.sectionName} ・ {user.data.username} ・ {user.data.employeeNumber}
              </>
            }
          />
          <Group gap="sm">
            <RoleBadges roles={user.data.roles} />
            <UserStatus user={user.data} />
          </Group>
          <SuccessNotice>{notice}</SuccessNotice>
          <Tabs defaultValue="profile" keepMounted={false} onChange={() => setNotice('')}>
            <Tabs.List aria-label={t('users.tabsLabel')}>
              <Tabs.Tab value="profile">{t('users.tabs.profile')}</Tabs.Tab>
              <Tabs.Tab value="password">{t('users.tabs.password')}</Tabs.Tab>
              <Tabs.Tab value="deputies">{t('users.tabs.deputies')}</Tabs.Tab>
              <Tabs.Tab value="absences">{t('users.tabs.absences')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="profile" pt="lg">
              <UserForm
                key={user.data.id}
                initial={user.data}
                pending={update.isPending}
                error={update.error}
                onSubmit={(body) => update.mutate(body, { onSuccess: () => setNotice(t('common.saved', { name: body.displayName })) })}
              />
            </Tabs.Panel>
            <Tabs.Panel value="password" pt="lg">
              <PasswordResetForm userId={id} onDone={() => setNotice(t('users.password.done'))} />
            </Tabs.Panel>
            <Tabs.Panel value="deputies" pt="lg">
              <DeputiesForm user={user.data} onDone={() => setNotice(t('users.deputies.done'))} />
            </Tabs.Panel>
            <Tabs.Panel value="absences" pt="lg">
              <AbsencesPanel userId={id} />
            </Tabs.Panel>
          </Tabs>
          <Text size="xs" c="dimmed">
            ID: {user.data.id}
          </Text>
        </>
      )}
    </Stack>
  );
}
