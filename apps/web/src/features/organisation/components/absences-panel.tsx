import { useState } from 'react';
import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Absence } from '@rr/contracts';
import { useAbsences, useAddAbsence, useDeleteAbsence } from '../api/users.api';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime, fromTokyoLocalInput } from '../../../shared/time/tokyo';

/** 不在設定: periods when the user is away, so their deputies may act (代決). Times are Tokyo time. */
export function AbsencesPanel({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const absences = useAbsences(userId);
  const add = useAddAbsence(userId);
  const remove = useDeleteAbsence(userId);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ startsAt?: string; endsAt?: string; reason?: string }>({});
  const [deleting, setDeleting] = useState<Absence | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const start = fromTokyoLocalInput(startsAt);
    const end = fromTokyoLocalInput(endsAt);
    const next: typeof errors = {};
    if (!start) next.startsAt = t('validation.datetime');
    if (!end) next.endsAt = t('validation.datetime');
    else if (start && new Date(end) <= new Date(start)) next.endsAt = t('users.absences.endAfterStart');
    if (reason.length > 200) next.reason = t('validation.tooLong', { max: 200 });
    setErrors(next);
    if (!start || !end || Object.keys(next).length) return;
    add.mutate(
      { startsAt: start, endsAt: end, reason: reason.trim() },
      {
        onSuccess: () => {
          setStartsAt('');
          setEndsAt('');
          setReason('');
        },
      },
    );
  };

  const rows = [...(absences.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  return (
    <Stack>
      <Text>{t('users.absences.lead')}</Text>
      {absences.isPending && <LoadingState />}
      <ErrorAlert error={absences.error} />
      {absences.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table captionSide="top" striped verticalSpacing="sm">
            <Table.Caption>{t('users.absences.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.absences.startsAt')}</Table.Th>
                <Table.Th scope="col">{t('users.absences.endsAt')}</Table.Th>
                <Table.Th scope="col">{t('users.absences.reason')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed">{t('users.absences.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDateTime(a.startsAt, lang)}</Table.Td>
                  <Table.Td>{formatDateTime(a.endsAt, lang)}</Table.Td>
                  <Table.Td>{a.reason || '—'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="sm"
                      variant="outline"
                      color="red"
                      onClick={() => {
                        remove.reset();
                        setDeleting(a);
                      }}
                      aria-label={t('common.deleteItem', { name: `${formatDateTime(a.startsAt, lang)}〜${formatDateTime(a.endsAt, lang)}` })}
                    >
                      {t('common.delete')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <form onSubmit={submit} noValidate aria-labelledby="absence-add-title">
        <Stack maw={760}>
          <Title order={2} size="h4" id="absence-add-title">
            {t('users.absences.add')}
          </Title>
          <ErrorAlert error={add.error} />
          <Group align="flex-start" wrap="wrap">
            <TextInput
              type="datetime-local"
              label={t('users.absences.startsAt')}
              description={t('common.tokyoTime')}
              required
              value={startsAt}
              onChange={(e) => setStartsAt(e.currentTarget.value)}
              error={errors.startsAt}
              w={240}
            />
            <TextInput
              type="datetime-local"
              label={t('users.absences.endsAt')}
              description={t('common.tokyoTime')}
              required
              value={endsAt}
              min={startsAt || undefined}
              onChange={(e) => setEndsAt(e.currentTarget.value)}
              error={errors.endsAt}
              w={240}
            />
          </Group>
          <TextInput label={t('users.absences.reason')} description={t('users.absences.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} maxLength={200} />
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('users.absences.submit')}
            </Button>
          </Group>
        </Stack>
      </form>

      <ConfirmDialog
        opened={deleting !== null}
        title={t('users.absences.delete')}
        message={deleting ? t('users.absences.confirmDelete', { from: formatDateTime(deleting.startsAt, lang), to: formatDateTime(deleting.endsAt, lang) }) : ''}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </Stack>
  );
}
