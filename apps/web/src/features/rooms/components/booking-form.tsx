import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createRoomBookingSchema, createRoomSeriesSchema, type Room, type RoomBooking, type RoomSeriesResult, type UpdateRoomBooking } from '@rr/contracts';
import { useCreateRoomBooking, useCreateRoomSeries, useRooms, useUpdateRoomBooking } from '../api/rooms.api';
import { RecurrenceFields } from './series-parts';
import { buildRrule, recurrenceProblem, weekdayCode, type Recurrence } from '../lib/recurrence';
import { roomLocation } from './badges';
import { hhmmToMinute, horizonLastDate, quarterHours, splitRange, tokyoInstant } from '../lib/room-time';
import { USER_SEARCH_ROLES } from '../roles';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { hasAnyRole } from '../../auth/roles';
import { UserPicker, type PickedUser } from '../../organisation/components/user-picker';
import { ApiError } from '../../../shared/api/client';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate, todayInTokyo } from '../../../shared/time/tokyo';

/** Refusals that mean "the room is not free then": shown with a way to the room's calendar. */
const CONFLICT_CODES = new Set(['ROOM_BOOKING_CONFLICT', 'ROOM_BLOCKED', 'ROOM_BOOKING_BUSY']);

function defaultRecurrence(date: string): Recurrence {
  return { interval: 1, days: date ? [weekdayCode(date)] : [], end: 'count', count: 4, until: '' };
}

export interface RoomBookingDraft {
  roomId: string;
  /** Tokyo date and 'HH:mm' times. */
  date: string;
  start: string;
  end: string;
  title: string;
  attendees: number | string;
  /** null = the signed-in user. */
  organiser: PickedUser | null;
}

export function draftFromBooking(b: RoomBooking, userId: string): RoomBookingDraft {
  const { date, start, end } = splitRange(b.startsAt, b.endsAt);
  return {
    roomId: b.roomId,
    date,
    start,
    end,
    title: b.title,
    attendees: b.attendees,
    organiser: b.organiserId === userId ? null : { id: b.organiserId, displayName: b.organiserName },
  };
}

function sameInstant(a: string, b: string): boolean {
  return new Date(a).getTime() === new Date(b).getTime();
}

interface Props {
  initial: RoomBookingDraft;
  /** Present when editing: only changed fields are sent. */
  booking?: RoomBooking;
  onDone: (booking: RoomBooking) => void;
  /** Extra actions next to the submit button (e.g. "close" in a dialog). */
  extraActions?: React.ReactNode;
  /** Offer 繰り返し予約 (new bookings only); the result goes to `onSeriesDone`. */
  onSeriesDone?: (result: RoomSeriesResult) => void;
}

/** 会議室の予約フォーム: room, Tokyo date and times, title, attendees, organiser (代理予約). */
export function RoomBookingForm({ initial, booking, onDone, extraActions, onSeriesDone }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const canPickOthers = hasAnyRole(user.roles, USER_SEARCH_ROLES);
  const rooms = useRooms();
  const create = useCreateRoomBooking();
  const update = useUpdateRoomBooking(booking?.id ?? '');
  const createSeries = useCreateRoomSeries();
  const [recurring, setRecurring] = useState(false);
  const [recurrence, setRecurrence] = useState<Recurrence>(() => defaultRecurrence(initial.date));
  const [skipClosedDays, setSkipClosedDays] = useState(true);
  const [recurrenceError, setRecurrenceError] = useState<string | undefined>();
  const mutation = booking ? update : recurring ? createSeries : create;
  const [draft, setDraft] = useState<RoomBookingDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const errorRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof RoomBookingDraft>(key: K, value: RoomBookingDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // A refusal is the most important thing on the page: bring it into view and give it focus.
  useEffect(() => {
    if (mutation.error && errorRef.current) {
      errorRef.current.scrollIntoView({ block: 'center' });
      errorRef.current.focus({ preventScroll: true });
    }
  }, [mutation.error]);

  const allRooms = useMemo(() => {
    const list: Room[] = [...(rooms.data ?? [])];
    return list.sort((a, b) => (a.building === b.building ? (a.floor === b.floor ? (a.name < b.name ? -1 : 1) : a.floor - b.floor) : a.building < b.building ? -1 : 1));
  }, [rooms.data]);
  const room = allRooms.find((r) => r.id === draft.roomId);
  const from = room ? hhmmToMinute(room.bookableFrom) : 6 * 60;
  const until = room ? hhmmToMinute(room.bookableUntil) : 22 * 60;
  const startTimes = quarterHours(from, until - 15);
  const endTimes = quarterHours(from + 15, until);
  const today = todayInTokyo();
  const lastDate = room ? horizonLastDate(today, room.horizonMonths) : undefined;

  // Keep a choice the room's hours do not offer visible (the API explains the refusal).
  const withCurrent = (list: string[], value: string) => (value && !list.includes(value) ? [value, ...list] : list);

  const roomOptions = [
    { value: '', label: t('common.choose') },
    ...allRooms.map((r) => ({ value: r.id, label: t('rooms.form.roomOption', { name: r.name, location: roomLocation(r, lang), capacity: r.capacity }) })),
  ];
  if (booking && !allRooms.some((r) => r.id === booking.roomId)) roomOptions.push({ value: booking.roomId, label: booking.roomName });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!draft.date) local.date = t('validation.date');
    if (!draft.start) local.start = t('rooms.form.errors.start');
    if (!draft.end) local.end = t('rooms.form.errors.end');
    else if (draft.start && hhmmToMinute(draft.end) <= hhmmToMinute(draft.start)) local.end = t('rooms.form.errors.order');
    const attendees = draft.attendees === '' ? 0 : Number(draft.attendees);
    const startsAt = draft.date && draft.start ? tokyoInstant(draft.date, draft.start) : '';
    const endsAt = draft.date && draft.end ? tokyoInstant(draft.date, draft.end) : '';
    const body = {
      roomId: draft.roomId,
      title: draft.title,
      attendees,
      startsAt,
      endsAt,
      ...(draft.organiser && draft.organiser.id !== user.id ? { organiserId: draft.organiser.id } : {}),
    };
    const result = validateWith(
      createRoomBookingSchema,
      body,
      { roomId: t('rooms.form.errors.room'), title: t('rooms.form.errors.title'), attendees: t('rooms.form.errors.attendees') },
      t('validation.invalid'),
    );
    const all: FieldErrors = { ...(result.errors ?? {}) };
    delete all.startsAt;
    delete all.endsAt;
    Object.assign(all, local);
    if (!all.attendees && room && attendees > room.capacity) all.attendees = t('rooms.form.errors.capacity', { capacity: room.capacity });
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;

    if (!booking && recurring && onSeriesDone) {
      const problem = recurrenceProblem(draft.date, recurrence) ?? undefined;
      setRecurrenceError(problem);
      if (problem) return;
      const series = createRoomSeriesSchema.safeParse({
        roomId: result.data.roomId,
        title: result.data.title,
        ...(result.data.organiserId ? { organiserId: result.data.organiserId } : {}),
        attendees: result.data.attendees,
        firstDate: draft.date,
        startTime: draft.start,
        endTime: draft.end,
        rrule: buildRrule(recurrence),
        skipClosedDays,
      });
      if (!series.success) return setErrors({ form: t('validation.invalid') });
      createSeries.mutate(series.data, { onSuccess: onSeriesDone });
      return;
    }
    if (!booking) {
      create.mutate(result.data, { onSuccess: onDone });
      return;
    }
    const data = result.data;
    const patch: UpdateRoomBooking = {};
    if (data.roomId !== booking.roomId) patch.roomId = data.roomId;
    if (data.title !== booking.title) patch.title = data.title;
    if (data.attendees !== booking.attendees) patch.attendees = data.attendees;
    if (!sameInstant(data.startsAt, booking.startsAt)) patch.startsAt = data.startsAt;
    if (!sameInstant(data.endsAt, booking.endsAt)) patch.endsAt = data.endsAt;
    const organiserId = draft.organiser?.id ?? user.id;
    if (organiserId !== booking.organiserId) patch.organiserId = organiserId;
    if (Object.keys(patch).length === 0) return onDone(booking);
    update.mutate(patch, { onSuccess: onDone });
  };

  const error = mutation.error;
  const conflict = error instanceof ApiError && CONFLICT_CODES.has(error.code);
  const calendarLink = draft.roomId ? `/rooms/calendar?roomId=${draft.roomId}&date=${draft.date || today}` : `/rooms/calendar?date=${draft.date || today}`;

  return (
    <form onSubmit={submit} noValidate aria-label={booking ? t('rooms.form.editTitle') : t('rooms.form.newTitle')}>
      <Stack gap="md" maw={760}>
        <ErrorAlert error={rooms.error} />
        {error && (
          <div ref={errorRef} tabIndex={-1} className="room-form-error">
            {conflict ? (
              <Alert color="red" variant="light" role="alert" title={t('rooms.form.failed')} className="room-conflict">
                <Text fw={700}>{error.message}</Text>
                <Text size="sm" mt={4}>
                  {t('rooms.form.conflictHelp')}{' '}
                  <Anchor component={Link} to={calendarLink} fw={700} underline="always">
                    {t('rooms.form.showCalendar', { date: formatDate(draft.date || today, lang) })}
                  </Anchor>
                </Text>
                {error.requestId && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('common.requestId', { id: error.requestId })}
                  </Text>
                )}
              </Alert>
            ) : (
              <ErrorAlert error={error} title={t('rooms.form.failed')} />
            )}
          </div>
        )}

        <NativeSelect label={t('rooms.form.room')} required value={draft.roomId} onChange={(e) => set('roomId', e.currentTarget.value)} error={errors.roomId} data={roomOptions} />
        {room && (
          <Text size="sm" c="dimmed">
            {t('rooms.form.roomRules', {
              from: room.bookableFrom,
              until: room.bookableUntil,
              hours: room.maxDurationMinutes / 60,
              lastDate: lastDate ? formatDate(lastDate, lang) : '',
              capacity: room.capacity,
            })}
            {room.notes && ` ${room.notes}`}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <TextInput
            type="date"
            label={t('rooms.form.date')}
            required
            min={today}
            max={lastDate}
            value={draft.date}
            onChange={(e) => set('date', e.currentTarget.value)}
            error={errors.date}
          />
          <NativeSelect
            label={t('rooms.form.start')}
            required
            value={draft.start}
            onChange={(e) => {
              const start = e.currentTarget.value;
              setDraft((d) => {
                // Moving the start keeps the meeting's length (one hour when there was no end yet).
                const length = d.start && d.end ? hhmmToMinute(d.end) - hhmmToMinute(d.start) : 60;
                const endMinute = Math.min(hhmmToMinute(start) + (length > 0 ? length : 60), until);
                const end = endTimes.find((x) => hhmmToMinute(x) === endMinute) ?? d.end;
                return { ...d, start, end };
              });
            }}
            error={errors.start}
            data={[{ value: '', label: '—' }, ...withCurrent(startTimes, draft.start)]}
          />
          <NativeSelect
            label={t('rooms.form.end')}
            required
            value={draft.end}
            onChange={(e) => set('end', e.currentTarget.value)}
            error={errors.end}
            data={[{ value: '', label: '—' }, ...withCurrent(endTimes, draft.end)]}
          />
        </SimpleGrid>
        <TextInput
          label={t('rooms.form.title')}
          required
          maxLength={200}
          value={draft.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          description={t('rooms.form.titleHelp')}
          error={errors.title}
        />
        <NumberInput
          hideControls
          label={t('rooms.form.attendees')}
          required
          min={1}
          max={500}
          allowDecimal={false}
          allowNegative={false}
          value={draft.attendees}
          onChange={(v) => set('attendees', v)}
          description={room ? t('rooms.form.attendeesHelp', { capacity: room.capacity }) : undefined}
          error={errors.attendees}
          maw={240}
        />
        {canPickOthers ? (
          <UserPicker
            label={t('rooms.form.organiser')}
            description={t('rooms.form.organiserHelp', { name: user.displayName })}
            value={draft.organiser}
            onChange={(u) => set('organiser', u)}
            w={420}
          />
        ) : (
          <Text size="sm">
            <strong>{t('rooms.form.organiser')}:</strong> {draft.organiser?.displayName ?? user.displayName}
            <br />
            <Text span size="sm" c="dimmed">
              {t('rooms.form.onBehalfNote')}
            </Text>
          </Text>
        )}
        {!booking && onSeriesDone && (
          <Checkbox
            size="md"
            label={t('rooms.series.toggle')}
            description={t('rooms.series.toggleHelp')}
            checked={recurring}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setRecurring(on);
              if (on && recurrence.days.length === 0 && draft.date) setRecurrence(defaultRecurrence(draft.date));
            }}
          />
        )}
        {!booking && onSeriesDone && recurring && (
          <RecurrenceFields
            firstDate={draft.date}
            value={recurrence}
            onChange={setRecurrence}
            skipClosedDays={skipClosedDays}
            onSkipClosedDays={setSkipClosedDays}
            error={recurrenceError}
          />
        )}
        {Object.keys(errors).length > 0 && (
          <Text c="red.9" fw={600} role="alert">
            {t('validation.invalid')}
          </Text>
        )}
        <Group>
          <Button type="submit" size="md" loading={mutation.isPending}>
            {booking ? t('rooms.form.saveChanges') : recurring ? t('rooms.series.submit') : t('rooms.form.submit')}
          </Button>
          {extraActions}
        </Group>
        {!booking && (
          <Text size="sm" c="dimmed">
            {t('rooms.form.firstComeNote')}
          </Text>
        )}
      </Stack>
    </form>
  );
}
