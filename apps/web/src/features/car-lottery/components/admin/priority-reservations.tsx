import { useMemo, useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  createPriorityReservationSchema,
  LOTTERY_PRIORITY_CATEGORIES,
  LOTTERY_PRIORITY_LABELS,
  type LotteryPriorityCategory,
  type LotteryRound,
} from '@rr/contracts';
import { useCreatePriorityReservation, usePriorityReservations } from '../../api/lottery.api';
import { periodInputBounds } from '../../lib/lottery';
import { useCars, useDrivers } from '../../../cars/api/cars.api';
import { BookingStatusBadge } from '../../../cars/components/badges';
import { formatTrip, isOnGrid } from '../../../cars/lib/slots';
import { DataTable } from '../../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { useLang } from '../../../../shared/hooks/use-lang';
import { fromTokyoLocalInput } from '../../../../shared/time/tokyo';
import type { CarBookingStatusName } from '@rr/contracts';

interface Draft {
  carId: string;
  driverId: string;
  startsAt: string;
  endsAt: string;
  category: LotteryPriorityCategory;
  reason: string;
  purpose: string;
  destination: string;
  passengers: number | string;
  outOfPrefecture: boolean;
}

const emptyDraft = (): Draft => ({
  carId: '',
  driverId: '',
  startsAt: '',
  endsAt: '',
  category: 'disaster',
  reason: '',
  purpose: '',
  destination: '',
  passengers: 0,
  outOfPrefecture: false,
});

/** 優先予約 (災害対応・議会・市長公務): reserved by a garage administrator before the draw, with a reason. */
export function PriorityReservationsSection({ round }: { round: LotteryRound }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = usePriorityReservations(round.id);
  const create = useCreatePriorityReservation(round.id);
  const cars = useCars({ status: 'active', poolId: round.poolId });
  const drivers = useDrivers({ filter: 'eligible', limit: 500, offset: 0 });
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState('');
  const open = ['scheduled', 'open', 'frozen'].includes(round.status);
  const bounds = periodInputBounds(round);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const categoryLabel = (c: LotteryPriorityCategory) => LOTTERY_PRIORITY_LABELS[c][lang];

  const driverChoices = useMemo(
    () => [{ value: '', label: t('common.choose') }, ...(drivers.data?.items ?? []).map((d) => ({ value: d.userId, label: `${d.displayName}（${d.sectionName}）` }))],
    [drivers.data, t],
  );

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    const startsAt = draft.startsAt ? fromTokyoLocalInput(draft.startsAt) : null;
    const endsAt = draft.endsAt ? fromTokyoLocalInput(draft.endsAt) : null;
    if (!startsAt) local.startsAt = t('cars.form.errors.start');
    else if (!isOnGrid(draft.startsAt)) local.startsAt = t('cars.form.errors.grid');
    if (!endsAt) local.endsAt = t('cars.form.errors.end');
    else if (!isOnGrid(draft.endsAt)) local.endsAt = t('cars.form.errors.grid');
    else if (startsAt && new Date(endsAt) <= new Date(startsAt)) local.endsAt = t('cars.form.errors.order');
    const result = validateWith(
      createPriorityReservationSchema,
      { ...draft, startsAt: startsAt ?? '', endsAt: endsAt ?? '', passengers: draft.passengers === '' ? 0 : Number(draft.passengers) },
      {
        carId: t('cars.form.errors.car'),
        driverId: t('lottery.admin.priority.driverRequired'),
        reason: t('lottery.admin.priority.reasonRequired'),
        purpose: t('cars.form.errors.purpose'),
        destination: t('cars.form.errors.destination'),
        passengers: t('cars.form.errors.passengers'),
      },
      t('validation.invalid'),
    );
    const schemaErrors = { ...(result.errors ?? {}) };
    delete schemaErrors.startsAt;
    delete schemaErrors.endsAt;
    const all = { ...schemaErrors, ...local };
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;
    create.mutate(result.data, {
      onSuccess: (p) => {
        setNotice(t('lottery.admin.priority.created', { plate: p.plateNumber, trip: formatTrip(p.startsAt, p.endsAt, lang) }));
        setDraft(emptyDraft());
      },
    });
  };

  const rows = list.data ?? [];
  return (
    <Stack component="section" aria-labelledby="priority-title">
      <Title order={2} size="h3" id="priority-title">
        {t('lottery.admin.priority.title')}
      </Title>
      <Text size="sm">{t('lottery.admin.priority.lead')}</Text>
      <ErrorAlert error={list.error} />
      <SuccessNotice>{notice}</SuccessNotice>
      <DataTable
        caption={t('lottery.admin.priority.caption', { count: rows.length })}
        columns={[t('cars.bookings.when'), t('lottery.admin.priority.category'), t('cars.bookings.car'), t('cars.form.driver'), t('lottery.admin.priority.reason'), t('cars.bookings.status')]}
        minWidth={900}
        isEmpty={rows.length === 0}
        empty={t('lottery.admin.priority.none')}
        busy={list.isFetching}
      >
        {rows.map((p) => (
          <Table.Tr key={p.bookingId}>
            <Table.Th scope="row">{formatTrip(p.startsAt, p.endsAt, lang)}</Table.Th>
            <Table.Td>{categoryLabel(p.category)}</Table.Td>
            <Table.Td>{p.plateNumber}</Table.Td>
            <Table.Td>{p.driverName}</Table.Td>
            <Table.Td>
              <Text size="sm">{p.reason}</Text>
              {p.createdByName && (
                <Text size="xs" c="dimmed">
                  {t('lottery.admin.priority.by', { name: p.createdByName })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <BookingStatusBadge status={p.status as CarBookingStatusName} />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {!open && <Text c="dimmed">{t('lottery.admin.priority.closed')}</Text>}
      {open && (
        <Paper withBorder p="md" radius="md">
          <form onSubmit={submit} noValidate aria-labelledby="priority-form-title">
            <Stack gap="sm">
              <Title order={3} size="h4" id="priority-form-title">
                {t('lottery.admin.priority.formTitle')}
              </Title>
              <ErrorAlert error={create.error} title={t('lottery.admin.priority.failed')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('lottery.admin.priority.category')}
                  value={draft.category}
                  onChange={(e) => set('category', e.currentTarget.value as LotteryPriorityCategory)}
                  data={LOTTERY_PRIORITY_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
                />
                <TextInput
                  label={t('lottery.admin.priority.reason')}
                  description={t('lottery.admin.priority.reasonHelp')}
                  required
                  maxLength={200}
                  value={draft.reason}
                  onChange={(e) => set('reason', e.currentTarget.value)}
                  error={errors.reason}
                />
                <NativeSelect
                  label={t('cars.form.car')}
                  required
                  value={draft.carId}
                  onChange={(e) => set('carId', e.currentTarget.value)}
                  error={errors.carId}
                  data={[{ value: '', label: t('common.choose') }, ...(cars.data ?? []).map((c) => ({ value: c.id, label: `${c.plateNumber}（${c.className}・${c.model}）` }))]}
                />
                <NativeSelect label={t('cars.form.driver')} required value={draft.driverId} onChange={(e) => set('driverId', e.currentTarget.value)} error={errors.driverId} data={driverChoices} />
                <TextInput
                  type="datetime-local"
                  label={t('cars.form.startsAt')}
                  required
                  step={900}
                  min={bounds.min}
                  max={bounds.max}
                  value={draft.startsAt}
                  onChange={(e) => set('startsAt', e.currentTarget.value)}
                  error={errors.startsAt}
                />
                <TextInput
                  type="datetime-local"
                  label={t('cars.form.endsAt')}
                  required
                  step={900}
                  min={draft.startsAt || bounds.min}
                  max={bounds.max}
                  value={draft.endsAt}
                  onChange={(e) => set('endsAt', e.currentTarget.value)}
                  error={errors.endsAt}
                />
                <TextInput label={t('cars.form.purpose')} required maxLength={200} value={draft.purpose} onChange={(e) => set('purpose', e.currentTarget.value)} error={errors.purpose} />
                <TextInput label={t('cars.form.destination')} required maxLength={200} value={draft.destination} onChange={(e) => set('destination', e.currentTarget.value)} error={errors.destination} />
                <NumberInput
                  label={t('cars.form.passengers')}
                  min={0}
                  max={29}
                  allowDecimal={false}
                  value={draft.passengers}
                  onChange={(v) => set('passengers', v)}
                  error={errors.passengers}
                />
                <Checkbox mt={{ base: 0, sm: 'xl' }} size="md" label={t('cars.form.outOfPrefecture')} checked={draft.outOfPrefecture} onChange={(e) => set('outOfPrefecture', e.currentTarget.checked)} />
              </SimpleGrid>
              <Group>
                <Button type="submit" size="md" loading={create.isPending}>
                  {t('lottery.admin.priority.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
