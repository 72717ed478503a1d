import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClosedDay } from '@rr/contracts';
import { useAddClosedDay, useClosedDays, useDeleteClosedDay } from '../api/calendar.api';
import { MonthCalendar } from './month-calendar';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate, todayInTokyo } from '../../../shared/time/tokyo';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 臨時閉庁日: extra closed days on top of weekends, holidays and 12/29–1/3, with a month view. */
export function ClosedDaysPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const today = todayInTokyo();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [month, setMonth] = useState(today.slice(0, 7));
  const closedDays = useClosedDays(year);
  const add = useAddClosedDay();
  const remove = useDeleteClosedDay();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ date?: string; reason?: string }>({});
  const [deleting, setDeleting] = useState<ClosedDay | null>(null);
  const [notice, setNotice] = useState('');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!ISO_DATE.test(date)) next.date = t('validation.date');
    if (!reason.trim()) next.reason = t('calendar.reasonRequired');
    else if (reason.trim().length > 200) next.reason = t('validation.tooLong', { max: 200 });
    setErrors(next);
    if (next.date || next.reason) return;
    add.mutate(
      { date, reason: reason.trim() },
      {
        onSuccess: () => {
          setNotice(t('calendar.added', { date: formatDate(date, lang) }));
          setYear(Number(date.slice(0, 4)));
          setMonth(date.slice(0, 7));
          setDate('');
          setReason('');
        },
      },
    );
  };

  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
  const rows = [...(closedDays.data ?? [])].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <Stack gap="xl">
      <PageHeader title={t('calendar.title')} description={t('calendar.lead')} />
      <SuccessNotice>{notice}</SuccessNotice>

      <form onSubmit={submit} noValidate aria-labelledby="closed-day-add">
        <Stack>
          <Title order={2} size="h3" id="closed-day-add">
            {t('calendar.add')}
          </Title>
          <ErrorAlert error={add.error} />
          <Group align="flex-start" wrap="wrap">
            <TextInput type="date" label={t('calendar.date')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} w={220} />
            <TextInput label={t('calendar.reason')} description={t('calendar.reasonHelp')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} maxLength={200} w={360} />
          </Group>
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('calendar.submit')}
            </Button>
          </Group>
        </Stack>
      </form>

      <Stack>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h3">
            {t('calendar.listTitle', { year })}
          </Title>
          <NativeSelect label={t('calendar.year')} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} data={years.map((y) => ({ value: String(y), label: t('calendar.yearOption', { year: y }) }))} w={160} />
        </Group>
        {closedDays.isPending && <LoadingState />}
        <ErrorAlert error={closedDays.error} />
        {closedDays.data && (
          <Table.ScrollContainer minWidth={480}>
            <Table captionSide="top" striped verticalSpacing="sm">
              <Table.Caption>{t('calendar.caption', { year, count: rows.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('calendar.date')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.reason')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={3}>
                      <Text c="dimmed">{t('calendar.none')}</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {rows.map((d) => (
                  <Table.Tr key={d.date}>
                    <Table.Th scope="row">
                      <Button variant="subtle" size="sm" onClick={() => setMonth(d.date.slice(0, 7))} aria-label={t('calendar.showInCalendar', { date: formatDate(d.date, lang) })}>
                        {formatDate(d.date, lang)}
                      </Button>
                    </Table.Th>
                    <Table.Td>{d.reason}</Table.Td>
                    <Table.Td>
                      <Button
                        size="sm"
                        variant="outline"
                        color="red"
                        onClick={() => {
                          remove.reset();
                          setDeleting(d);
                        }}
                        aria-label={t('common.deleteItem', { name: formatDate(d.date, lang) })}
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
      </Stack>

      <MonthCalendar month={month} onMonthChange={setMonth} />

      <ConfirmDialog
        opened={deleting !== null}
        title={t('calendar.delete')}
        message={t('common.confirmDelete', { name: deleting ? `${formatDate(deleting.date, lang)} ${deleting.reason}` : '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.date, {
            onSuccess: () => {
              setNotice(t('common.deleted', { name: formatDate(deleting.date, lang) }));
              setDeleting(null);
            },
          })
        }
      />
    </Stack>
  );
}
