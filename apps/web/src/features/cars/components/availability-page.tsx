import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CAR_SLOT_MINUTES } from '@rr/contracts';
import { useAvailability, useCarClasses, useCarPools, useCarSettings } from '../api/cars.api';
import { className as classNameOf } from './badges';
import { AvailabilityGrid, rangeIsFree, segmentsOf, type GridRow, type GridSelection, type Segment } from './availability-grid';
import { hhmmToMinute, horizonLastDate, slotInstant, slotToHhmm } from '../lib/slots';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, formatDate, toTokyoLocalInput, todayInTokyo } from '../../../shared/time/tokyo';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The first quarter-hour of `date` that has not started yet (0 for future days, 96 for past ones). */
function firstOpenSlot(date: string, today: string): number {
  if (date > today) return 0;
  if (date < today) return 96;
  const now = toTokyoLocalInput(new Date());
  const minute = Number(now.slice(11, 13)) * 60 + Number(now.slice(14, 16));
  return Math.floor(minute / CAR_SLOT_MINUTES) + 1;
}

/** 空き状況・予約: the day's grid of cars × quarter-hours; choose a free range to book it. */
export function AvailabilityPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = todayInTokyo();
  const settings = useCarSettings();
  const lastDate = settings.data ? horizonLastDate(today, settings.data.horizonMonths) : undefined;

  const dateParam = params.get('date') ?? '';
  const date = ISO_DATE.test(dateParam) ? dateParam : today;
  const poolId = params.get('poolId') ?? '';
  const classCode = params.get('classCode') ?? '';

  const classes = useCarClasses();
  const pools = useCarPools();
  const availability = useAvailability({ date, poolId: poolId || undefined, classCode: classCode || undefined });

  const [selection, setSelection] = useState<GridSelection | null>(null);
  const [message, setMessage] = useState('');

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setSelection(null);
    setMessage('');
  };

  const data = availability.data;
  const from = data ? hhmmToMinute(data.bookableFrom) / CAR_SLOT_MINUTES : 0;
  const until = data ? hhmmToMinute(data.bookableUntil) / CAR_SLOT_MINUTES : 0;
  const rows: GridRow[] = useMemo(() => {
    if (!data) return [];
    const open = firstOpenSlot(data.date, today);
    return data.cars.map((car) => ({
      car: { ...car, className: classNameOf(classes.data, car.classCode, car.className, lang) },
      segments: segmentsOf(car.busy, from, until, open),
    }));
  }, [data, from, until, today, classes.data, lang]);

  // Read through a ref so the callback stays stable and the grid's rows do not all re-render.
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const onActivate = useCallback(
    (row: GridRow, segment: Segment) => {
      if (segment.kind !== 'free') {
        setMessage(t('cars.availability.notFree'));
        return;
      }
      setMessage('');
      const current = selectionRef.current;
      if (!current || current.carId !== row.car.carId || current.end !== null) {
        setSelection({ carId: row.car.carId, start: segment.start, end: null });
        return;
      }
      const start = Math.min(current.start, segment.start);
      const end = Math.max(current.start, segment.start) + 1;
      if (!rangeIsFree(row, start, end)) {
        setMessage(t('cars.availability.selectionBusy'));
        return;
      }
      setSelection({ ...current, start, end });
    },
    [t],
  );

  const selectedRow = selection ? rows.find((r) => r.car.carId === selection.carId) : undefined;
  const selectedEnd = selection ? (selection.end ?? selection.start + 1) : 0;

  const proceed = () => {
    if (!selection || !data) return;
    const q = new URLSearchParams({
      carId: selection.carId,
      startsAt: slotInstant(data.date, selection.start),
      endsAt: slotInstant(data.date, selectedEnd),
    });
    void navigate(`/cars/new?${q.toString()}`);
  };

  const classOptions = [
    { value: '', label: t('cars.availability.allClasses') },
    ...(classes.data ?? []).map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameJa })),
  ];
  const poolOptions = [{ value: '', label: t('common.all') }, ...(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))];

  return (
    <Stack>
      <PageHeader title={t('cars.availability.title')} description={t('cars.availability.lead')} />
      <form role="search" aria-label={t('cars.availability.filterLabel')} onSubmit={(e) => e.preventDefault()}>
        <Group align="flex-end" wrap="wrap" gap="md">
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              type="date"
              label={t('cars.availability.date')}
              value={date}
              min={today}
              max={lastDate}
              onChange={(e) => ISO_DATE.test(e.currentTarget.value) && setParam('date', e.currentTarget.value)}
              w={190}
            />
            <Button variant="default" onClick={() => setParam('date', addDays(date, -1))} disabled={date <= today}>
              {t('cars.availability.prevDay')}
            </Button>
            <Button variant="default" onClick={() => setParam('date', today)} disabled={date === today}>
              {t('cars.availability.today')}
            </Button>
            <Button variant="default" onClick={() => setParam('date', addDays(date, 1))} disabled={!!lastDate && date >= lastDate}>
              {t('cars.availability.nextDay')}
            </Button>
          </Group>
          {(pools.data?.length ?? 0) > 1 && (
            <NativeSelect label={t('cars.availability.pool')} value={poolId} onChange={(e) => setParam('poolId', e.currentTarget.value)} data={poolOptions} w={240} />
          )}
          <NativeSelect label={t('cars.availability.class')} value={classCode} onChange={(e) => setParam('classCode', e.currentTarget.value)} data={classOptions} w={200} />
        </Group>
      </form>
      {data && (
        <Text size="sm">
          {t('cars.availability.hours', { from: data.bookableFrom, until: data.bookableUntil })}
          {lastDate && ` ${t('cars.availability.horizon', { date: formatDate(lastDate, lang) })}`}
        </Text>
      )}
      {date < today && <Text c="red.9">{t('cars.availability.pastDate')}</Text>}
      <Legend />

      <ErrorAlert error={availability.error ?? settings.error} />
      {availability.isPending && <LoadingState />}
      {data && rows.length === 0 && <Text c="dimmed">{t('cars.availability.noCars')}</Text>}
      {data && rows.length > 0 && (
        <Stack gap="xs" aria-busy={availability.isFetching}>
          {/* The grid's own caption is for assistive technology; this one stays in view when scrolled sideways. */}
          <Text fw={700} aria-hidden>
            {t('cars.availability.caption', { date: formatDate(data.date, lang), count: rows.length })}
          </Text>
          <Text size="sm" id="car-grid-help" c="dimmed">
            {t('cars.availability.keyboardHelp')}
          </Text>
          <AvailabilityGrid
            describedBy="car-grid-help"
            rows={rows}
            from={from}
            until={until}
            caption={t('cars.availability.caption', { date: formatDate(data.date, lang), count: rows.length })}
            selection={selection}
            onActivate={onActivate}
          />
        </Stack>
      )}

      {/* The next step, right after the grid in reading and tab order. */}
      <Paper withBorder p="md" radius="md" className="car-selection" aria-live="polite">
        {selection && selectedRow && data ? (
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Stack gap={2}>
              <Text fw={700}>
                {t('cars.availability.selected', {
                  plate: selectedRow.car.plateNumber,
                  date: formatDate(data.date, lang),
                  from: slotToHhmm(selection.start),
                  to: slotToHhmm(selectedEnd),
                })}
              </Text>
              {selection.end === null && <Text size="sm">{t('cars.availability.chooseEnd')}</Text>}
            </Stack>
            <Group gap="sm">
              <Button onClick={proceed}>{t('cars.availability.proceed')}</Button>
              <Button variant="default" onClick={() => setSelection(null)}>
                {t('common.clearSelection')}
              </Button>
            </Group>
          </Group>
        ) : (
          <Text size="sm">{t('cars.availability.chooseStart')}</Text>
        )}
        {message && (
          <Text size="sm" c="red.9" mt="xs" fw={600}>
            {message}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}

function Legend() {
  const { t } = useTranslation();
  const items = [
    { cls: 'free', label: t('cars.availability.free') },
    { cls: 'selected', label: t('cars.availability.selectedLegend') },
    { cls: 'busy booked', label: t('cars.availability.booked') },
    { cls: 'busy mine', label: t('cars.availability.mine') },
    { cls: 'busy block', label: t('cars.availability.blocked') },
    { cls: 'past', label: t('cars.availability.past') },
  ];
  return (
    <Group gap="md" wrap="wrap" aria-label={t('cars.availability.legend')} role="group">
      {items.map((i) => (
        <Group key={i.cls} gap={6} wrap="nowrap">
          <span className={`car-swatch ${i.cls}`} aria-hidden />
          <Text size="sm">{i.label}</Text>
        </Group>
      ))}
    </Group>
  );
}
