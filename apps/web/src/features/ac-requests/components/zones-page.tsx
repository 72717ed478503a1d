import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AcZoneDto } from '@rr/contracts';
import { useAcSettings, useAcZones, useAddAcRate, useUpdateAcSettings } from '../api/ac.api';
import { formatYen } from '../lib/ac-format';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { todayInTokyo } from '../../../shared/time/tokyo';
import { AcRegisterAdmin } from './zone-admin';

function AddRate({ zone }: { zone: AcZoneDto }) {
  const { t } = useTranslation();
  const add = useAddAcRate(zone.id);
  const [validFrom, setValidFrom] = useState(todayInTokyo());
  const [yen, setYen] = useState<number | string>(zone.currentYenPerHour ?? 30_000);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ validFrom, yenPerHour: Number(yen) });
      }}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput type="date" size="xs" label={t('ac.zones.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} />
        <NumberInput size="xs" w={110} label={t('ac.zones.yenPerHour')} min={0} value={yen} onChange={setYen} />
        <Button size="xs" type="submit" loading={add.isPending}>
          {t('ac.zones.addRate')}
        </Button>
      </Group>
      <ErrorAlert error={add.error} />
    </form>
  );
}

/**
 * 区域・単価: zones with normal hours and their rate history (add a rate per zone); the register
 * (add buildings, floors and zones with their normal hours and first rate); the deadline and
 * reminder settings.
 */
export function AcZonesPage() {
  const { t } = useTranslation();
  const zones = useAcZones();
  const settings = useAcSettings();
  const update = useUpdateAcSettings();
  const [days, setDays] = useState<number | string>('');
  const [time, setTime] = useState('');
  const [hours, setHours] = useState<number | string>('');
  if (zones.isPending || settings.isPending) return <LoadingState />;
  const s = settings.data;
  return (
    <Stack>
      <PageHeader title={t('ac.zones.title')} description={t('ac.zones.lead')} />
      <ErrorAlert error={zones.error ?? settings.error} />
      {s && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('ac.zones.settings')}
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({
                deadlineBusinessDays: days === '' ? undefined : Number(days),
                deadlineTime: time || undefined,
                reminderAfterHours: hours === '' ? undefined : Number(hours),
              });
            }}
          >
            <Group align="flex-end">
              <NumberInput label={t('ac.zones.deadlineDays')} min={0} max={20} value={days === '' ? s.deadlineBusinessDays : days} onChange={setDays} />
              <TextInput type="time" label={t('ac.zones.deadlineTime')} value={time || s.deadlineTime} onChange={(e) => setTime(e.currentTarget.value)} />
              <NumberInput label={t('ac.zones.reminderHours')} min={1} max={720} value={hours === '' ? s.reminderAfterHours : hours} onChange={setHours} />
              <Button type="submit" loading={update.isPending}>
                {t('ac.zones.save')}
              </Button>
            </Group>
          </form>
          <ErrorAlert error={update.error} />
          {update.isSuccess && <SuccessNotice>{t('ac.zones.saved')}</SuccessNotice>}
        </Paper>
      )}
      <DataTable
        caption={t('ac.zones.caption')}
        columns={[
          t('ac.zones.colCode'),
          t('ac.zones.colName'),
          t('ac.zones.colFloor'),
          t('ac.zones.colHours'),
          t('ac.zones.colHoursClosed'),
          t('ac.zones.colRate'),
          t('ac.zones.colHistory'),
          t('ac.zones.addRate'),
        ]}
        minWidth={1200}
        empty="-"
        isEmpty={(zones.data ?? []).length === 0}
      >
        {(zones.data ?? []).map((z) => (
          <Table.Tr key={z.id}>
            <Table.Td>{z.code}</Table.Td>
            <Table.Td>{z.name}</Table.Td>
            <Table.Td>
              {z.buildingName} {z.floorName}
            </Table.Td>
            <Table.Td>{z.normalHours.business ? `${z.normalHours.business.start}–${z.normalHours.business.end}` : t('ac.zones.off')}</Table.Td>
            <Table.Td>{z.normalHours.closed ? `${z.normalHours.closed.start}–${z.normalHours.closed.end}` : t('ac.zones.off')}</Table.Td>
            <Table.Td>{z.currentYenPerHour === null ? '-' : formatYen(z.currentYenPerHour)}</Table.Td>
            <Table.Td>{z.rates.map((r) => `${r.validFrom}〜 ¥${formatYen(r.yenPerHour)}`).join(' / ')}</Table.Td>
            <Table.Td>
              <AddRate zone={z} />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <AcRegisterAdmin />
    </Stack>
  );
}
