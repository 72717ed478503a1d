import { Anchor, Stack } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCreateUser } from '../api/users.api';
import { UserForm } from './user-form';
import { PageHeader } from '../../../shared/components/page-header';

export function UserCreatePage() {
  const { t } = useTranslation();
  const create = useCreateUser();
  const navigate = useNavigate();
  return (
    <Stack>
      <Anchor component={Link} to="/admin/users" size="sm">
        {t('users.backToList')}
      </Anchor>
      <PageHeader title={t('users.add')} description={t('users.addLead')} />
      <UserForm
        initial={null}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) =>
          create.mutate(body, {
            onSuccess: (user) => navigate(`/admin/users/${user.id}`, { state: { created: true } }),
          })
        }
      />
    </Stack>
  );
}
