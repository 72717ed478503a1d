import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Badge, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roomEquipmentSchema, roomTypeSchema, type RoomEquipment, type RoomTypeName } from '@rr/contracts';
import { useFreeRooms, useRooms, type FreeRoomsFilter } from '../api/rooms.api';
import { EquipmentBadges, roomLocation } from './badges';
import { EQUIPMENT, floorLabel, floorsOf, formatRange, hhmmToMinute, minuteToHhmm, quarterHours, tokyoInstant } from '../lib/room-time';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, todayInTokyo, toTokyoLocalInput } from '../../../shared/time/tokyo';

const TIMES = quarterHours(6 * 60, 23 * 60);

/** A sensible first search: the next full hour today (from 09:00), or tomorrow 10:00 after 18:00. */
export function defaultSlot(now = new Date()): { date: string; start: string; end: string } {
  const local = toTokyoLocalInput(now);
  const hour = Number(local.slice(11, 13));
  if (hour >= 18) return { date: addDays(todayInTokyo(now), 1), start: '10:00', end: '11:00' };
  const start = Math.max(9, hour + 1) * 60;
  return { date: todayInTokyo(now), start: minuteToHhmm(start), end: minuteToHhmm(start + 60) };
}

interface SearchForm {
  date: string;
  start: string;
  end: string;
  attendees: number | string;
  type: RoomTypeName | '';
  equipment: RoomEquipment[];
  /** 'building|floor' or ''. */
  floor: string;
}

function fromParams(params: URLSearchParams): SearchForm {
  const d = defaultSlot();
  const type = roomTypeSchema.safeParse(params.get('type'));
  const equipment = (params.get('equipment') ?? '')
    .split(',')
    .map((e) => roomEquipmentSchema.safeParse(e))
    .flatMap((r) => (r.success ? [r.data] : []));
  const building = params.get('building');
  const floor = params.get('floor');
  return {
    date: params.get('date') ?? d.date,
    start: params.get('start') ?? d.start,
    end: params.get('end') ?? d.end,
    attendees: Number(params.get('attendees') ?? 1) || 1,
    type: type.success ? type.data : '',
    equipment,
    floor: building && floor ? `${building}|${floor}` : '',
  };
}

/** 空き会議室検索: free rooms for a time range, by size and equipment, best fit first. */
export function RoomSearchPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const rooms = useRooms();
  const [form, setForm] = useState<SearchForm>(() => fromParams(params));
  const [error, setError] = useState('');
  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  // The search that ran is the one in the URL (shareable; the back button returns to it).
  const submitted = params.has('date');
  const applied = useMemo(() => fromParams(params), [params]);
  const filter: FreeRoomsFilter | null = useMemo(() => {
    if (!submitted) return null;
    if (!applied.date || hhmmToMinute(applied.end) <= hhmmToMinute(applied.start)) return null;
    const [building, floor] = applied.floor ? applied.floor.split('|') : [];
    return {
      startsAt: tokyoInstant(applied.date, applied.start),
      endsAt: tokyoInstant(applied.date, applied.end),
      minCapacity: Number(applied.attendees) || 1,
      equipment: applied.equipment.length ? applied.equipment : undefined,
      type: applied.type || undefined,
      building: building || undefined,
      floor: floor !== undefined ? Number(floor) : undefined,
    };
  }, [submitted, applied]);
  const free = useFreeRooms(filter);
  const results = free.data ?? [];
  const range = filter ? formatRange(filter.startsAt, filter.endsAt, lang) : '';

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!form.date) return setError(t('validation.date'));
    if (hhmmToMinute(form.end) <= hhmmToMinute(form.start)) return setError(t('rooms.search.errors.order'));
    const attendees = Number(form.attendees);
    if (!Number.isInteger(attendees) || attendees < 1 || attendees > 500) return setError(t('rooms.search.errors.attendees'));
    setError('');
    const next = new URLSearchParams({ date: form.date, start: form.start, end: form.end, attendees: String(attendees) });
    if (form.type) next.set('type', form.type);
    if (form.equipment.length) next.set('equipment', form.equipment.join(','));
    if (form.floor) {
      const [building, floor] = form.floor.split('|');
      next.set('building', building);
      next.set('floor', floor);
    }
    setParams(next);
  };

  const bookLink = (roomId: string) => {
    const q = new URLSearchParams({ roomId, startsAt: filter?.startsAt ?? '', endsAt: filter?.endsAt ?? '', attendees: String(applied.attendees) });
    return `/rooms/new?${q.toString()}`;
  };

  return (
    <Stack>
      <PageHeader title={t('rooms.search.title')} description={t('rooms.search.lead')} />
      <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate aria-label={t('rooms.search.formLabel')}>
        <Stack>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <TextInput type="date" label={t('rooms.search.date')} required value={form.date} onChange={(e) => set('date', e.currentTarget.value)} />
            <NativeSelect label={t('rooms.search.start')} value={form.start} onChange={(e) => set('start', e.currentTarget.value)} data={TIMES} />
            <NativeSelect label={t('rooms.search.end')} value={form.end} onChange={(e) => set('end', e.currentTarget.value)} data={[...TIMES, '24:00']} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <NumberInput
              hideControls
              label={t('rooms.search.attendees')}
              min={1}
              max={500}
              allowDecimal={false}
              allowNegative={false}
              value={form.attendees}
              onChange={(v) => set('attendees', v)}
            />
            <NativeSelect
              label={t('rooms.search.type')}
              value={form.type}
              onChange={(e) => set('type', e.currentTarget.value as RoomTypeName | '')}
              data={[{ value: '', label: t('common.all') }, ...roomTypeSchema.options.map((v) => ({ value: v, label: t(`rooms.type.${v}`) }))]}
            />
            <NativeSelect
              label={t('rooms.search.floor')}
              value={form.floor}
              onChange={(e) => set('floor', e.currentTarget.value)}
              data={[
                { value: '', label: t('common.all') },
                ...floorsOf(rooms.data ?? []).map((f) => ({ value: `${f.building}|${f.floor}`, label: `${f.building} ${floorLabel(f.floor, lang)}` })),
              ]}
            />
          </SimpleGrid>
          <Checkbox.Group label={t('rooms.search.equipment')} value={form.equipment} onChange={(v) => set('equipment', v as RoomEquipment[])}>
            <Group gap="lg" mt={4} className="room-equipment">
              {EQUIPMENT.map((e) => (
                <Checkbox key={e} size="md" value={e} label={t(`rooms.equipment.${e}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          {error && (
            <Text c="red.9" fw={600} role="alert">
              {error}
            </Text>
          )}
          <Group>
            <Button type="submit" size="md">
              {t('rooms.search.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <ErrorAlert error={free.error ?? rooms.error} />
      {filter && free.isPending && <LoadingState />}
      {filter && free.data && (
        <DataTable
          caption={t('rooms.search.caption', { count: results.length, range })}
          columns={[t('rooms.room'), t('rooms.location'), t('rooms.search.capacity'), t('rooms.search.equipment'), t('common.actions')]}
          minWidth={680}
          empty={t('rooms.search.none')}
          isEmpty={results.length === 0}
          busy={free.isFetching}
          highlightOnHover={false}
        >
          {results.map((r, i) => (
            <Table.Tr key={r.id}>
              <Table.Th scope="row" id={`free-${r.id}`}>
                <Text fw={700}>{r.name}</Text>
                {r.notes && (
                  <Text size="xs" c="dimmed" fw={400}>
                    {r.notes}
                  </Text>
                )}
                <Group gap={4} mt={2}>
                  <Badge color="gray" variant="light" className="room-badge">
                    {t(`rooms.type.${r.type}`)}
                  </Badge>
                  {i === 0 && (
                    <Badge color="green" variant="light" className="room-badge">
                      {t('rooms.search.bestFit')}
                    </Badge>
                  )}
                </Group>
              </Table.Th>
              <Table.Td>
                {roomLocation(r, lang)}
                <Text size="xs" c="dimmed">
                  {t('rooms.zone', { zone: r.zoneCode })}
                </Text>
              </Table.Td>
              <Table.Td className="nowrap">{t('rooms.capacity', { n: r.capacity })}</Table.Td>
              <Table.Td>
                <EquipmentBadges equipment={r.equipment} />
              </Table.Td>
              <Table.Td>
                <Button size="md" component={Link} to={bookLink(r.id)} aria-label={t('rooms.search.bookItem', { room: r.name })}>
                  {t('rooms.search.book')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}
