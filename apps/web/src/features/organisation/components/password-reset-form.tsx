import { useState } from 'react';
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateUser } from '../api/users.api';
import { ErrorAlert } from '../../../shared/components/error-alert';

/** Sets a new password (PATCH password); the user should change it at next sign-in. */
export function PasswordResetForm({ userId, onDone }: { userId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser(userId);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (password.length < 8 || password.length > 256) next.password = t('validation.password');
    if (confirm !== password) next.confirm = t('users.password.mismatch');
    setErrors(next);
    if (next.password || next.confirm) return;
    update.mutate(
      { password },
      {
        onSuccess: () => {
          setPassword('');
          setConfirm('');
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={420}>
        <Text>{t('users.password.lead')}</Text>
        <ErrorAlert error={update.error} />
        <PasswordInput
          label={t('users.password.new')}
          description={t('users.password.help')}
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          visibilityToggleButtonProps={{ 'aria-label': t('login.showCharacters') }}
        />
        <PasswordInput
          label={t('users.password.confirm')}
          required
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={errors.confirm}
          visibilityToggleButtonProps={{ 'aria-label': t('login.showCharacters') }}
        />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('users.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
