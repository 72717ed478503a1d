import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Calendar, type SlotInfo, type View } from 'react-big-calendar';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import type { Room, RoomBlock, RoomBooking } from '@rr/contracts';
import { useRoomCalendar, useRooms, type CalendarFilter } from '../api/rooms.api';
import { RoomBookingForm } from './booking-form';
import { RoomBookingStatusBadge } from './badges';
import { CancelRoomBookingDialog, isChangeable } from './my-bookings-page';
import { calendarFormats, calendarMessages, roomLocalizer, tokyoDate, tokyoIsoDate, tokyoMinuteOfDay, weekStart } from '../lib/calendar-localizer';
import { floorLabel, floorsOf, formatRange, hhmmToMinute, hoursSpan, overlaps, splitRange } from '../lib/room-time';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, formatDate, todayInTokyo } from '../../../shared/time/tokyo';
import { AppModal } from '../../../shared/components/app-modal';

interface CalEvent {
  id: string;
  kind: 'booking' | 'block';
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  mine: boolean;
  booking?: RoomBooking;
  block?: RoomBlock;
}

interface CalResource {
  id: string;
  title: string;
}

/** A new booking's starting point chosen on the calendar. */
interface Pick {
  roomId: string;
  startsAt: string;
  endsAt: string;
}

/** One click = one hour (within the room's hours); a drag = exactly the dragged range. */
function pickFromSlot(slot: SlotInfo, room: Room | undefined): { start: Date; end: Date } {
  if (slot.action === 'select') return { start: slot.start, end: slot.end };
  const until = room ? hhmmToMinute(room.bookableUntil) : 24 * 60;
  const startMinute = tokyoMinuteOfDay(slot.start);
  const minutes = Math.max(15, Math.min(60, until - startMinute));
  return { start: slot.start, end: new Date(slot.start.getTime() + minutes * 60_000) };
}

/** The floor with the most rooms (the renovated floor), as 'building|floor'; '' when there are none. */
function busiestFloor(rooms: readonly Room[]): string {
  const counts = new Map<string, number>();
  for (const r of rooms) counts.set(`${r.building}|${r.floor}`, (counts.get(`${r.building}|${r.floor}`) ?? 0) + 1);
  let best = '';
  for (const [key, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = key;
  return best;
}

/** 会議室カレンダー: one floor (rooms side by side in the day view) or one room, by day or week. */
export function RoomCalendarPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const rooms = useRooms();
  const floors = useMemo(() => floorsOf(rooms.data ?? []), [rooms.data]);

  const date = params.get('date') || todayInTokyo();
  const view: 'day' | 'week' = params.get('view') === 'week' ? 'week' : 'day';
  const roomId = params.get('roomId') ?? '';
  const paramFloor = params.get('floor');
  const floorKey =
    params.get('building') && paramFloor !== null
      ? `${params.get('building')}|${paramFloor}`
      : roomId
        ? (() => {
            const r = rooms.data?.find((x) => x.id === roomId);
            return r ? `${r.building}|${r.floor}` : '';
          })()
        : busiestFloor(rooms.data ?? []);
  const [building, floorText] = floorKey ? floorKey.split('|') : ['', ''];
  const floorRooms = (rooms.data ?? []).filter((r) => r.building === building && String(r.floor) === floorText);

  const first = view === 'week' ? weekStart(date) : date;
  const filter: CalendarFilter | null = roomId
    ? { date: first, days: view === 'week' ? 7 : 1, roomId }
    : floorKey
      ? { date: first, days: view === 'week' ? 7 : 1, building, floor: Number(floorText) }
      : null;
  const cal = useRoomCalendar(filter);

  const [pick, setPick] = useState<Pick | null>(null);
  const [shown, setShown] = useState<RoomBooking | null>(null);
  const [cancelling, setCancelling] = useState<RoomBooking | null>(null);
  const [notice, setNotice] = useState('');

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const calRooms = cal.data?.rooms ?? [];
  const roomsById = new Map(calRooms.map((r) => [r.room.id, r.room]));
  const byResource = view === 'day' && !roomId;
  const events: CalEvent[] = useMemo(() => {
    const out: CalEvent[] = [];
    for (const { room, bookings, blocks } of cal.data?.rooms ?? []) {
      const prefix = view === 'week' && !roomId ? `${room.name}: ` : '';
      for (const b of bookings) {
        const mine = b.organiserId === user.id || b.bookedById === user.id;
        out.push({
          id: b.id,
          kind: 'booking',
          title: `${prefix}${b.title}（${b.organiserName}）`,
          start: new Date(b.startsAt),
          end: new Date(b.endsAt),
          resourceId: room.id,
          mine,
          booking: b,
        });
      }
      for (const k of blocks) {
        out.push({
          id: k.id,
          kind: 'block',
          title: `${prefix}${t('rooms.calendar.blockTitle', { reason: k.reason })}`,
          start: new Date(k.startsAt),
          end: new Date(k.endsAt),
          resourceId: room.id,
          mine: false,
          block: k,
        });
      }
    }
    return out.sort((a, b) => a.start.getTime() - b.start.getTime());
  }, [cal.data, view, roomId, user.id, t]);

  const resources: CalResource[] | undefined = byResource ? calRooms.map(({ room }) => ({ id: room.id, title: t('rooms.calendar.resource', { name: room.name, capacity: room.capacity }) })) : undefined;
  const shownRooms = calRooms.length > 0 ? calRooms.map((r) => r.room) : roomId ? floorRooms.filter((r) => r.id === roomId) : floorRooms;
  const span = hoursSpan(shownRooms);
  const min = tokyoDate(date, span.from);
  const max = tokyoDate(date, Math.min(span.until, 24 * 60 - 1));

  /** Outside the room's bookable hours (shaded, not selectable). */
  const closed = (d: Date, resourceId?: string | number) => {
    const room = roomsById.get(String(resourceId ?? roomId));
    if (!room) return false;
    const minute = tokyoMinuteOfDay(d);
    return minute < hhmmToMinute(room.bookableFrom) || minute >= hhmmToMinute(room.bookableUntil);
  };
  const taken = (start: Date, end: Date, resourceId?: string | number) => {
    const rid = String(resourceId ?? roomId);
    return events.some((e) => (!rid || e.resourceId === rid) && overlaps(e.start, e.end, start, end));
  };

  const onSelectSlot = (slot: SlotInfo) => {
    const rid = slot.resourceId !== undefined ? String(slot.resourceId) : roomId;
    if (!rid) {
      // The floor's week view has no room columns: look for free rooms at that time instead.
      const { date: d, start, end } = splitRange(slot.start.toISOString(), pickFromSlot(slot, undefined).end.toISOString());
      void navigate(`/rooms?date=${d}&start=${start}&end=${end}&attendees=1&building=${encodeURIComponent(building)}&floor=${floorText}`);
      return;
    }
    const room = roomsById.get(rid);
    const { start, end } = pickFromSlot(slot, room);
    if (closed(start, rid) || taken(start, end, rid)) return;
    setNotice('');
    setPick({ roomId: rid, startsAt: start.toISOString(), endsAt: end.toISOString() });
  };

  const shift = (days: number) => update({ date: addDays(date, days) });
  const step = view === 'week' ? 7 : 1;
  const heading = view === 'week' ? `${formatDate(first, lang)}〜${formatDate(addDays(first, 6), lang)}` : formatDate(date, lang);
  const scopeName = roomId ? (roomsById.get(roomId)?.name ?? floorRooms.find((r) => r.id === roomId)?.name ?? '') : building ? `${building} ${floorLabel(Number(floorText), lang)}` : '';
  const wide = byResource ? Math.max(0, calRooms.length) : 0;

  return (
    <Stack>
      <PageHeader title={t('rooms.calendar.title')} description={t('rooms.calendar.lead')} />
      <SuccessNotice>{notice}</SuccessNotice>
      <Paper withBorder p="md" radius="md">
        <Group align="flex-end" wrap="wrap" gap="md">
          <NativeSelect
            label={t('rooms.calendar.floor')}
            value={floorKey}
            onChange={(e) => {
              const [b, f] = e.currentTarget.value.split('|');
              update({ building: b, floor: f, roomId: null });
            }}
            data={floors.map((f) => ({ value: `${f.building}|${f.floor}`, label: `${f.building} ${floorLabel(f.floor, lang)}` }))}
            w={220}
          />
          <NativeSelect
            label={t('rooms.calendar.room')}
            value={roomId}
            onChange={(e) => update({ roomId: e.currentTarget.value, building: building, floor: floorText })}
            data={[{ value: '', label: t('rooms.calendar.wholeFloor') }, ...floorRooms.map((r) => ({ value: r.id, label: r.name }))]}
            w={240}
          />
          <TextInput type="date" label={t('rooms.calendar.date')} value={date} onChange={(e) => e.currentTarget.value && update({ date: e.currentTarget.value })} w={180} />
          <Group gap={4} role="group" aria-label={t('rooms.calendar.move')}>
            <Button variant="default" onClick={() => shift(-step)}>
              {view === 'week' ? t('rooms.calendar.prevWeek') : t('rooms.calendar.prevDay')}
            </Button>
            <Button variant="default" onClick={() => update({ date: todayInTokyo() })}>
              {t('rooms.calendar.today')}
            </Button>
            <Button variant="default" onClick={() => shift(step)}>
              {view === 'week' ? t('rooms.calendar.nextWeek') : t('rooms.calendar.nextDay')}
            </Button>
          </Group>
          <Group gap={4} role="group" aria-label={t('rooms.calendar.viewLabel')}>
            <Button variant={view === 'day' ? 'filled' : 'default'} aria-pressed={view === 'day'} onClick={() => update({ view: null })}>
              {t('rooms.calendar.day')}
            </Button>
            <Button variant={view === 'week' ? 'filled' : 'default'} aria-pressed={view === 'week'} onClick={() => update({ view: 'week' })}>
              {t('rooms.calendar.week')}
            </Button>
          </Group>
        </Group>
      </Paper>
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          <span className="room-legend room-event-booking" aria-hidden="true" />
          {t('rooms.calendar.legendBooking')}
        </Text>
        <Text size="sm">
          <span className="room-legend room-event-mine" aria-hidden="true" />
          {t('rooms.calendar.legendMine')}
        </Text>
        <Text size="sm">
          <span className="room-legend room-event-block" aria-hidden="true" />
          {t('rooms.calendar.legendBlock')}
        </Text>
        <Text size="sm" c="dimmed">
          {byResource || roomId ? t('rooms.calendar.selectHelp') : t('rooms.calendar.selectHelpWeek')}
        </Text>
      </Group>
      <ErrorAlert error={rooms.error ?? cal.error} />
      {(rooms.isPending || (filter && cal.isPending)) && <LoadingState />}
      {cal.data && (
        <section aria-label={t('rooms.calendar.gridLabel', { scope: scopeName, heading })}>
          <Text fw={700} size="lg" mb="xs" component="h2">
            {scopeName} — {heading}
          </Text>
          <div style={{ overflowX: 'auto' }}>
            <div className="room-calendar" style={wide > 4 ? { minWidth: `calc(4.5rem + ${wide} * 7.5rem)` } : undefined} aria-busy={cal.isFetching}>
              <Calendar<CalEvent, CalResource>
                localizer={roomLocalizer}
                culture={lang}
                formats={calendarFormats(lang)}
                messages={calendarMessages(lang)}
                toolbar={false}
                date={tokyoDate(date)}
                view={view as View}
                views={['day', 'week']}
                onView={(v) => update({ view: v === 'week' ? 'week' : null })}
                onNavigate={(d, v) => update({ date: tokyoIsoDate(d), view: v === 'week' ? 'week' : null })}
                events={events}
                resources={resources}
                resourceIdAccessor="id"
                resourceTitleAccessor="title"
                resourceAccessor="resourceId"
                step={15}
                timeslots={4}
                min={min}
                max={max}
                selectable
                longPressThreshold={150}
                onSelecting={(range) => {
                  const rid = (range as { resourceId?: string }).resourceId;
                  return !(closed(range.start, rid) || taken(range.start, range.end, rid));
                }}
                onSelectSlot={onSelectSlot}
                onSelectEvent={(e) => e.booking && setShown(e.booking)}
                slotPropGetter={(d, rid) => (closed(d, rid) ? { className: 'room-slot-closed' } : {})}
                eventPropGetter={(e) => ({ className: e.kind === 'block' ? 'room-event-block' : e.mine ? 'room-event-booking room-event-mine' : 'room-event-booking' })}
                tooltipAccessor={(e) => `${e.title} ${formatRange(e.start.toISOString(), e.end.toISOString(), lang)}`}
                dayLayoutAlgorithm="no-overlap"
              />
            </div>
          </div>
        </section>
      )}

      {cal.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table captionSide="top" striped verticalSpacing="xs">
            <Table.Caption>{t('rooms.calendar.listCaption', { scope: scopeName, heading, count: events.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('rooms.bookings.when')}</Table.Th>
                <Table.Th scope="col">{t('rooms.room')}</Table.Th>
                <Table.Th scope="col">{t('rooms.calendar.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text c="dimmed">{t('rooms.calendar.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {events.map((e) => (
                <Table.Tr key={`${e.kind}-${e.id}`}>
                  <Table.Td className="nowrap">{formatRange(e.start.toISOString(), e.end.toISOString(), lang)}</Table.Td>
                  <Table.Td>{roomsById.get(e.resourceId)?.name}</Table.Td>
                  <Table.Td>
                    {e.booking ? (
                      <Anchor component="button" type="button" onClick={() => setShown(e.booking ?? null)} className="table-link">
                        {e.booking.title}（{e.booking.organiserName}）{e.mine && ` ${t('rooms.calendar.mineMark')}`}
                      </Anchor>
                    ) : (
                      <Text size="sm">{t('rooms.calendar.blockTitle', { reason: e.block?.reason ?? '' })}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <AppModal opened={pick !== null} onClose={() => setPick(null)} title={t('rooms.form.newTitle')} size="lg">
        {pick && (
          <RoomBookingForm
            initial={{ roomId: pick.roomId, ...splitRange(pick.startsAt, pick.endsAt), title: '', attendees: 1, organiser: null }}
            onDone={(b) => {
              setPick(null);
              setNotice(t('rooms.form.created', { room: b.roomName, range: formatRange(b.startsAt, b.endsAt, lang) }));
            }}
          />
        )}
      </AppModal>

      <AppModal opened={shown !== null} onClose={() => setShown(null)} title={t('rooms.calendar.detailsTitle')}>
        {shown && (
          <Stack gap="xs">
            <Text fw={700}>{shown.title}</Text>
            <Text>
              {shown.roomName} — {formatRange(shown.startsAt, shown.endsAt, lang)}
            </Text>
            <Text size="sm">
              {t('rooms.bookings.organiserIs', { name: shown.organiserName })} {t('rooms.bookings.attendees', { n: shown.attendees })}
              {shown.bookedById !== shown.organiserId && ` ${t('rooms.bookings.bookedBy', { name: shown.bookedByName })}`}
            </Text>
            <Group>
              <RoomBookingStatusBadge status={shown.status} />
            </Group>
            {(shown.organiserId === user.id || shown.bookedById === user.id) && isChangeable(shown) && (
              <Group mt="sm">
                <Button component={Link} to={`/rooms/bookings/${shown.id}/edit`} variant="default">
                  {t('common.edit')}
                </Button>
                <Button
                  variant="outline"
                  color="red"
                  onClick={() => {
                    setCancelling(shown);
                    setShown(null);
                  }}
                >
                  {t('rooms.bookings.cancel')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </AppModal>
      <CancelRoomBookingDialog
        booking={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={(b, count) => {
          setNotice(
            count > 1
              ? t('rooms.series.cancelledFollowing', { room: b.roomName, count })
              : t('rooms.bookings.cancelled', { room: b.roomName, range: formatRange(b.startsAt, b.endsAt, lang) }),
          );
          setCancelling(null);
        }}
      />
      <Text size="sm" c="dimmed">
        {t('rooms.calendar.keyboardHelp')}{' '}
        <Anchor component={Link} to="/rooms">
          {t('rooms.tabs.search')}
        </Anchor>
        {' / '}
        <Anchor component={Link} to={`/rooms/new?date=${date}`}>
          {t('rooms.tabs.newBooking')}
        </Anchor>
      </Text>
    </Stack>
  );
}
