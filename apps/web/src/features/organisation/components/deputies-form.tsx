import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '@rr/contracts';
import { useSetDeputies } from '../api/users.api';
import { UserPicker, type PickedUser } from './user-picker';
import { ErrorAlert } from '../../../shared/components/error-alert';

function deputyAt(user: User, rank: number): PickedUser | null {
  const d = user.deputies.find((x) => x.rank === rank);
  return d ? { id: d.userId, displayName: d.displayName } : null;
}

/** 代決者: who may approve in this user's place while they are absent, 1st then 2nd. */
export function DeputiesForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSetDeputies(user.id);
  const [first, setFirst] = useState<PickedUser | null>(deputyAt(user, 1));
  const [second, setSecond] = useState<PickedUser | null>(deputyAt(user, 2));
  const [error, setError] = useState('');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!first && second) return setError(t('users.deputies.needFirst'));
    if (first && second && first.id === second.id) return setError(t('users.deputies.same'));
    setError('');
    save.mutate([first, second].filter((x): x is PickedUser => !!x).map((x) => x.id), { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={520}>
        <Text>{t('users.deputies.lead')}</Text>
        <ErrorAlert error={save.error} />
        <UserPicker label={t('users.deputies.first')} value={first} onChange={setFirst} exclude={[user.id, ...(second ? [second.id] : [])]} error={error && !first ? error : undefined} />
        <UserPicker label={t('users.deputies.second')} value={second} onChange={setSecond} exclude={[user.id, ...(first ? [first.id] : [])]} error={error && first ? error : undefined} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
