import { DataTable } from '../../../../shared/components/data-table';
import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { carBlockKindSchema, createCarBlockSchema, updateCarBlockSchema, type CarBlock, type CarBlockKindName, type CarBlockResult } from '@rr/contracts';
import { useCarBlocks, useCars, useDeleteBlock, useSaveBlock } from '../../api/cars.api';
import { formatTrip, isOnGrid, tokyoDateOf } from '../../lib/slots';
import { PageHeader } from '../../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { ConfirmDialog } from '../../../../shared/components/confirm-dialog';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { useLang } from '../../../../shared/hooks/use-lang';
import { formatDate, formatDateTime, fromTokyoLocalInput, todayInTokyo, toTokyoLocalInput } from '../../../../shared/time/tokyo';
import { AppModal } from '../../../../shared/components/app-modal';

/** A block's span: whole days as dates (終日), otherwise the time range. */
function blockSpan(b: CarBlock, lang: 'ja' | 'en', allDayWord: string): string {
  if (!b.allDay) return formatTrip(b.startsAt, b.endsAt, lang);
  const first = tokyoDateOf(b.startsAt);
  const last = tokyoDateOf(new Date(new Date(b.endsAt).getTime() - 1).toISOString());
  const days = first === last ? formatDate(first, lang) : `${formatDate(first, lang)}〜${formatDate(last, lang)}`;
  return `${days}（${allDayWord}）`;
}

function BlockForm({ initial, onDone }: { initial: CarBlock | null; onDone: (result: CarBlockResult) => void }) {
  const { t } = useTranslation();
  const cars = useCars({ status: 'active' });
  const save = useSaveBlock();
  const today = todayInTokyo();
  const [carId, setCarId] = useState(initial?.carId ?? '');
  const [kind, setKind] = useState<CarBlockKindName>(initial?.kind ?? 'inspection');
  const [reason, setReason] = useState(initial?.reason ?? '');
  const [mode, setMode] = useState<'days' | 'times'>(initial && !initial.allDay ? 'times' : 'days');
  const [startDate, setStartDate] = useState(initial?.allDay ? tokyoDateOf(initial.startsAt) : today);
  const [endDate, setEndDate] = useState(initial?.allDay ? tokyoDateOf(new Date(new Date(initial.endsAt).getTime() - 1).toISOString()) : today);
  const [startsAt, setStartsAt] = useState(initial && !initial.allDay ? toTokyoLocalInput(initial.startsAt) : `${today}T09:00`);
  const [endsAt, setEndsAt] = useState(initial && !initial.allDay ? toTokyoLocalInput(initial.endsAt) : `${today}T12:00`);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    let interval: Record<string, string> = {};
    if (mode === 'days') {
      if (!startDate) local.startDate = t('validation.date');
      if (!endDate) local.endDate = t('validation.date');
      else if (startDate && endDate < startDate) local.endDate = t('cars.admin.blocks.errors.dateOrder');
      interval = { startDate, endDate };
    } else {
      const s = fromTokyoLocalInput(startsAt);
      const en = fromTokyoLocalInput(endsAt);
      if (!s) local.startsAt = t('validation.datetime');
      else if (!isOnGrid(startsAt)) local.startsAt = t('cars.form.errors.grid');
      if (!en) local.endsAt = t('validation.datetime');
      else if (!isOnGrid(endsAt)) local.endsAt = t('cars.form.errors.grid');
      else if (s && new Date(en) <= new Date(s)) local.endsAt = t('cars.form.errors.order');
      interval = { startsAt: s ?? '', endsAt: en ?? '' };
    }
    const body = initial ? { kind, reason, ...interval } : { carId, kind, reason, ...interval };
    const result = validateWith(
      initial ? updateCarBlockSchema : createCarBlockSchema,
      body,
      { carId: t('cars.admin.blocks.errors.car'), reason: t('cars.admin.blocks.errors.reason') },
      t('validation.invalid'),
    );
    // The interval was checked above with clearer messages than the schema's.
    const all: FieldErrors = { ...(result.errors ?? {}) };
    for (const k of ['startDate', 'endDate', 'startsAt', 'endsAt']) delete all[k];
    Object.assign(all, local);
    if (Object.keys(all).length === 0 && result.errors) all.form = t('validation.invalid');
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;
    save.mutate({ id: initial?.id, body: result.data }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error ?? cars.error} />
        {initial ? (
          <Text fw={600}>
            {t('cars.admin.blocks.car')}: {initial.plateNumber}
          </Text>
        ) : (
          <NativeSelect
            label={t('cars.admin.blocks.car')}
            required
            value={carId}
            onChange={(e) => setCarId(e.currentTarget.value)}
            error={errors.carId}
            data={[{ value: '', label: t('common.choose') }, ...(cars.data ?? []).map((c) => ({ value: c.id, label: `${c.plateNumber}（${c.model}）` }))]}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('cars.admin.blocks.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as CarBlockKindName)}
            data={carBlockKindSchema.options.map((k) => ({ value: k, label: t(`cars.blockKind.${k}`) }))}
          />
          <TextInput label={t('cars.admin.blocks.reason')} required maxLength={200} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} description={t('cars.admin.blocks.reasonHelp')} />
        </SimpleGrid>
        <Radio.Group label={t('cars.admin.blocks.mode')} value={mode} onChange={(v) => setMode(v as 'days' | 'times')} className="car-radio">
          <Group gap="lg" mt={4}>
            <Radio size="md" value="days" label={t('cars.admin.blocks.modeDays')} />
            <Radio size="md" value="times" label={t('cars.admin.blocks.modeTimes')} />
          </Group>
        </Radio.Group>
        {mode === 'days' ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="date" label={t('cars.admin.blocks.startDate')} required value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} error={errors.startDate} />
            <TextInput type="date" label={t('cars.admin.blocks.endDate')} required min={startDate} value={endDate} onChange={(e) => setEndDate(e.currentTarget.value)} error={errors.endDate} />
          </SimpleGrid>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="datetime-local" step={900} label={t('cars.admin.blocks.startsAt')} required value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} error={errors.startsAt} description={t('cars.form.timeHelp')} />
            <TextInput type="datetime-local" step={900} label={t('cars.admin.blocks.endsAt')} required value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value)} error={errors.endsAt} description={t('cars.form.timeHelp')} />
          </SimpleGrid>
        )}
        <Text size="sm" c="dimmed">
          {t('cars.admin.blocks.affectHelp')}
        </Text>
        {errors.form && (
          <Text c="red.9" fw={600} role="alert">
            {errors.form}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What a new or changed block did to the bookings it overlapped: moved, or flagged 要振替. */
function AffectedBookings({ result, onClose }: { result: CarBlockResult; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = result.affectedBookings;
  const flagged = list.filter((a) => a.outcome === 'needs_reassignment').length;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="block-result-title" role="status">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="block-result-title">
            {t('cars.admin.blocks.resultTitle', { plate: result.block.plateNumber })}
          </Title>
          <Button variant="default" size="sm" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
        {list.length === 0 ? (
          <Text>{t('cars.admin.blocks.noneAffected')}</Text>
        ) : (
          <>
            <Text>{t('cars.admin.blocks.affectedSummary', { total: list.length, moved: list.length - flagged, flagged })}</Text>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('cars.bookings.when')}</Table.Th>
                    <Table.Th scope="col">{t('cars.bookings.driver')}</Table.Th>
                    <Table.Th scope="col">{t('cars.admin.blocks.outcome')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((a) => (
                    <Table.Tr key={a.bookingId}>
                      <Table.Td>{formatTrip(a.startsAt, a.endsAt, lang)}</Table.Td>
                      <Table.Td>
                        {a.driverName}（{a.sectionName}）
                      </Table.Td>
                      <Table.Td>
                        {a.outcome === 'reassigned' ? (
                          <Group gap={6}>
                            <Badge color="green" variant="light" className="car-badge">
                              {t('cars.admin.blocks.reassigned')}
                            </Badge>
                            <Text size="sm">{a.newPlateNumber}</Text>
                          </Group>
                        ) : (
                          <Badge color="red" variant="light" className="car-badge">
                            {t('cars.admin.blocks.needsReassignment')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {flagged > 0 && <Text size="sm">{t('cars.admin.blocks.flaggedHelp')}</Text>}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** 整備ブロック: 車検・点検・修理 periods that take a car out of allocation. */
export function AdminBlocksPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const today = todayInTokyo();
  const [from, setFrom] = useState(today);
  const blocks = useCarBlocks({ from: from || undefined });
  const remove = useDeleteBlock();
  const [editing, setEditing] = useState<CarBlock | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CarBlock | null>(null);
  const [result, setResult] = useState<CarBlockResult | null>(null);
  const [notice, setNotice] = useState('');
  const rows = [...(blocks.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const allDay = t('cars.admin.blocks.allDay');

  return (
    <Stack>
      <PageHeader title={t('cars.admin.blocks.title')} description={t('cars.admin.blocks.lead')} actions={<Button onClick={() => setEditing('new')}>{t('cars.admin.blocks.add')}</Button>} />
      <SuccessNotice>{notice}</SuccessNotice>
      {result && <AffectedBookings result={result} onClose={() => setResult(null)} />}
      <TextInput type="date" label={t('cars.admin.blocks.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={220} />
      <ErrorAlert error={blocks.error} />
      {blocks.isPending && <LoadingState />}
      {blocks.data && (
        <DataTable
          caption={t('cars.admin.blocks.caption', { count: rows.length })}
          columns={[t('cars.admin.blocks.car'), t('cars.admin.blocks.kind'), t('cars.admin.blocks.period'), t('cars.admin.blocks.reason'), t('cars.admin.blocks.createdAt'), t('common.actions')]}
          minWidth={820}
          empty={t('cars.admin.blocks.none')}
          isEmpty={rows.length === 0}
          busy={blocks.isFetching}
          highlightOnHover={false}
        >
              {rows.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Th scope="row" fw={600} className="nowrap">
                    {b.plateNumber}
                  </Table.Th>
                  <Table.Td>{t(`cars.blockKind.${b.kind}`)}</Table.Td>
                  <Table.Td>{blockSpan(b, lang, allDay)}</Table.Td>
                  <Table.Td>{b.reason}</Table.Td>
                  <Table.Td className="nowrap">{formatDateTime(b.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="sm" variant="default" onClick={() => setEditing(b)} aria-label={t('cars.admin.blocks.editItem', { plate: b.plateNumber, period: blockSpan(b, lang, allDay) })}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="outline"
                        color="red"
                        onClick={() => {
                          remove.reset();
                          setDeleting(b);
                        }}
                        aria-label={t('cars.admin.blocks.deleteItem', { plate: b.plateNumber, period: blockSpan(b, lang, allDay) })}
                      >
                        {t('common.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
        </DataTable>
      )}
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('cars.admin.blocks.add') : t('cars.admin.blocks.edit')}
        size="lg"
      >
        {editing !== null && (
          <BlockForm
            initial={editing === 'new' ? null : editing}
            onDone={(r) => {
              setNotice('');
              setResult(r);
              setEditing(null);
            }}
          />
        )}
      </AppModal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('cars.admin.blocks.delete')}
        message={deleting ? t('cars.admin.blocks.confirmDelete', { plate: deleting.plateNumber, period: blockSpan(deleting, lang, allDay) }) : ''}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setResult(null);
              setNotice(t('cars.admin.blocks.deleted', { plate: deleting.plateNumber }));
              setDeleting(null);
            },
          })
        }
      />
    </Stack>
  );
}
