import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { updateRoomSettingsSchema, type RoomSettings } from '@rr/contracts';
import { useRoomAcNeeds, useRoomNoShows, useRoomSettings, useUpdateRoomSettings, type RoomAcNeedsFilter } from '../../api/rooms.api';
import { quarterHours } from '../../lib/room-time';
import { DataTable } from '../../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { PageHeader } from '../../../../shared/components/page-header';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { useLang } from '../../../../shared/hooks/use-lang';
import { addDays, formatDate, formatDateTime, todayInTokyo } from '../../../../shared/time/tokyo';

function SettingsForm({ settings, onSaved }: { settings: RoomSettings; onSaved: () => void }) {
  const { t } = useTranslation();
  const save = useUpdateRoomSettings();
  const [opens, setOpens] = useState<number | string>(settings.checkInOpensMinutes);
  const [release, setRelease] = useState<number | string>(settings.releaseAfterMinutes);
  const [acEnd, setAcEnd] = useState(settings.acHoursEnd);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const result = validateWith(
      updateRoomSettingsSchema,
      { checkInOpensMinutes: Number(opens), releaseAfterMinutes: Number(release), acHoursEnd: acEnd },
      { checkInOpensMinutes: t('rooms.admin.settings.errors.opens'), releaseAfterMinutes: t('rooms.admin.settings.errors.release') },
      t('validation.invalid'),
    );
    setErrors(result.errors ?? {});
    if (!result.data) return;
    save.mutate(result.data, { onSuccess: onSaved });
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate aria-labelledby="room-settings-title">
      <Stack>
        <Title order={2} size="h4" id="room-settings-title">
          {t('rooms.admin.settings.formTitle')}
        </Title>
        <ErrorAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput hideControls label={t('rooms.admin.settings.opens')} description={t('rooms.admin.settings.opensHelp')} min={0} max={120} allowDecimal={false} allowNegative={false} value={opens} onChange={setOpens} error={errors.checkInOpensMinutes} />
          <NumberInput hideControls label={t('rooms.admin.settings.release')} description={t('rooms.admin.settings.releaseHelp')} min={5} max={240} allowDecimal={false} allowNegative={false} value={release} onChange={setRelease} error={errors.releaseAfterMinutes} />
          <NativeSelect label={t('rooms.admin.settings.acEnd')} description={t('rooms.admin.settings.acEndHelp')} value={acEnd} onChange={(e) => setAcEnd(e.currentTarget.value)} data={quarterHours(12 * 60, 23 * 60)} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** 会議室の設定: check-in window, no-show release and the AC hours; and the no-show count per user. */
export function AdminRoomSettingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const settings = useRoomSettings();
  const today = todayInTokyo();
  const [from, setFrom] = useState(addDays(today, -90));
  const [to, setTo] = useState(today);
  const noShows = useRoomNoShows({ from: from || undefined, to: to || undefined });
  const rows = noShows.data ?? [];
  const [notice, setNotice] = useState('');
  const [acStatus, setAcStatus] = useState<RoomAcNeedsFilter['status']>('open');
  const acNeeds = useRoomAcNeeds({ status: acStatus, from: today });
  const acRows = acNeeds.data ?? [];

  return (
    <Stack>
      <PageHeader title={t('rooms.admin.settings.title')} description={t('rooms.admin.settings.lead')} />
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={settings.error} />
      {settings.isPending && <LoadingState />}
      {settings.data && <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} onSaved={() => setNotice(t('rooms.admin.settings.saved'))} />}

      <Title order={2} size="h3" mt="md">
        {t('rooms.admin.noShows.title')}
      </Title>
      <Text size="sm">{t('rooms.admin.noShows.lead')}</Text>
      <Group align="flex-end">
        <TextInput type="date" label={t('rooms.admin.noShows.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={200} />
        <TextInput type="date" label={t('rooms.admin.noShows.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={200} />
      </Group>
      <ErrorAlert error={noShows.error} />
      {noShows.data && (
        <DataTable
          caption={t('rooms.admin.noShows.caption', { count: rows.length })}
          columns={[t('rooms.admin.noShows.user'), t('rooms.admin.noShows.count'), t('rooms.admin.noShows.last')]}
          minWidth={520}
          empty={t('rooms.admin.noShows.none')}
          isEmpty={rows.length === 0}
          busy={noShows.isFetching}
        >
          {rows.map((r) => (
            <Table.Tr key={r.userId}>
              <Table.Th scope="row">{r.displayName}</Table.Th>
              <Table.Td>{t('rooms.admin.noShows.times', { n: r.count })}</Table.Td>
              <Table.Td>{formatDateTime(r.lastAt, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}

      <Title order={2} size="h3" mt="md">
        {t('rooms.admin.acNeeds.title')}
      </Title>
      <Text size="sm">{t('rooms.admin.acNeeds.lead')}</Text>
      <NativeSelect
        label={t('rooms.admin.acNeeds.status')}
        value={acStatus}
        onChange={(e) => setAcStatus(e.currentTarget.value as RoomAcNeedsFilter['status'])}
        data={(['open', 'requested', 'void'] as const).map((v) => ({ value: v, label: t(`rooms.admin.acNeeds.statuses.${v}`) }))}
        w={220}
      />
      <ErrorAlert error={acNeeds.error} />
      {acNeeds.data && (
        <DataTable
          caption={t('rooms.admin.acNeeds.caption', { count: acRows.length })}
          columns={[t('rooms.bookings.when'), t('rooms.room'), t('rooms.bookings.meeting'), t('rooms.admin.rooms.zone'), t('common.actions')]}
          minWidth={760}
          empty={t('rooms.admin.acNeeds.none')}
          isEmpty={acRows.length === 0}
          busy={acNeeds.isFetching}
        >
          {acRows.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Th scope="row" className="nowrap">
                {formatDate(n.date, lang)} {n.start}〜{n.end}
              </Table.Th>
              <Table.Td>{n.roomName}</Table.Td>
              <Table.Td>
                {n.title}
                <Text size="xs" c="dimmed">
                  {t('rooms.bookings.organiserIs', { name: n.organiserName })}
                </Text>
              </Table.Td>
              <Table.Td>{n.zoneCode}</Table.Td>
              <Table.Td>
                {n.status === 'open' && (
                  <Anchor component={Link} to={n.link} className="table-link">
                    {t('rooms.admin.acNeeds.open')}
                  </Anchor>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}
