import { useState } from 'react';
import { Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { updateRoomSeriesSchema, type RoomBooking, type RoomSeriesResult, type UpdateRoomSeries } from '@rr/contracts';
import { useRoom, useUpdateRoomSeries } from '../api/rooms.api';
import { hhmmToMinute, quarterHours, splitRange, tokyoDateOf } from '../lib/room-time';
import { USER_SEARCH_ROLES } from '../roles';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { hasAnyRole } from '../../auth/roles';
import { UserPicker, type PickedUser } from '../../organisation/components/user-picker';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { formatDate } from '../../../shared/time/tokyo';
import { useLang } from '../../../shared/hooks/use-lang';

/**
 * "この回以降すべて" of a recurring booking: title, attendees, organiser and the time of day change
 * for every active occurrence from this one on (PATCH /api/room-series/:id). The room and the dates
 * stay; an occurrence that cannot move is reported, not dropped.
 */
export function SeriesEditForm({ booking, onDone }: { booking: RoomBooking; onDone: (r: RoomSeriesResult) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const room = useRoom(booking.roomId);
  const save = useUpdateRoomSeries();
  const current = splitRange(booking.startsAt, booking.endsAt);
  const fromDate = booking.occurrenceDate ?? tokyoDateOf(booking.startsAt);
  const [title, setTitle] = useState(booking.title);
  const [attendees, setAttendees] = useState<number | string>(booking.attendees);
  const [start, setStart] = useState(current.start);
  const [end, setEnd] = useState(current.end);
  const [organiser, setOrganiser] = useState<PickedUser | null>(booking.organiserId === user.id ? null : { id: booking.organiserId, displayName: booking.organiserName });
  const [errors, setErrors] = useState<FieldErrors>({});
  const from = room.data ? hhmmToMinute(room.data.bookableFrom) : 6 * 60;
  const until = room.data ? hhmmToMinute(room.data.bookableUntil) : 22 * 60;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body: UpdateRoomSeries = { fromDate };
    if (title.trim() !== booking.title) body.title = title;
    if (Number(attendees) !== booking.attendees) body.attendees = Number(attendees);
    if (start !== current.start) body.startTime = start;
    if (end !== current.end) body.endTime = end;
    const organiserId = organiser?.id ?? user.id;
    if (organiserId !== booking.organiserId) body.organiserId = organiserId;
    const result = validateWith(updateRoomSeriesSchema, body, { title: t('rooms.form.errors.title'), attendees: t('rooms.form.errors.attendees') }, t('validation.invalid'));
    const all: FieldErrors = { ...(result.errors ?? {}) };
    if (hhmmToMinute(end) <= hhmmToMinute(start)) all.endTime = t('rooms.form.errors.order');
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;
    save.mutate({ id: booking.seriesId as string, body: result.data }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('rooms.series.editFollowing')}>
      <Stack gap="md" maw={760}>
        <Text size="sm">{t('rooms.series.editFollowingHelp', { date: formatDate(fromDate, lang) })}</Text>
        <ErrorAlert error={save.error ?? room.error} title={save.error ? t('rooms.form.failed') : undefined} />
        <TextInput label={t('rooms.form.title')} required maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <NativeSelect label={t('rooms.form.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} data={quarterHours(from, until - 15)} />
          <NativeSelect label={t('rooms.form.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} data={quarterHours(from + 15, until)} error={errors.endTime} />
          <NumberInput
            hideControls
            label={t('rooms.form.attendees')}
            required
            min={1}
            max={500}
            allowDecimal={false}
            allowNegative={false}
            value={attendees}
            onChange={setAttendees}
            error={errors.attendees}
          />
        </SimpleGrid>
        {hasAnyRole(user.roles, USER_SEARCH_ROLES) && (
          <UserPicker label={t('rooms.form.organiser')} description={t('rooms.form.organiserHelp', { name: user.displayName })} value={organiser} onChange={setOrganiser} w={420} />
        )}
        <Group>
          <Button type="submit" size="md" loading={save.isPending}>
            {t('rooms.series.saveFollowing')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
