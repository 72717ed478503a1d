import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Anchor, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoomBooking, RoomSeriesResult } from '@rr/contracts';
import { useRoomBooking } from '../api/rooms.api';
import { RoomBookingForm, draftFromBooking, type RoomBookingDraft } from './booking-form';
import { RoomBookingStatusBadge, SeriesBadge } from './badges';
import { SeriesEditForm } from './series-edit-form';
import { SeriesReport } from './series-parts';
import { formatRange, splitRange } from '../lib/room-time';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';

/** What the next screen says after a booking was made or changed (read from router state). */
export interface RoomBookingNotice {
  notice: string;
  /** The booking just made or changed (e.g. to offer the AC extension). */
  bookingId?: string;
}

export function useRoomBookingDone() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  return (key: 'rooms.form.created' | 'rooms.form.updated', b: RoomBooking) => {
    const state: RoomBookingNotice = { notice: t(key, { room: b.roomName, range: formatRange(b.startsAt, b.endsAt, lang) }), bookingId: b.id };
    void navigate('/rooms/bookings', { state });
  };
}

/** 新規予約: prefilled from a search result or the calendar (?roomId&startsAt&endsAt&attendees), or blank. */
export function RoomBookingNewPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const done = useRoomBookingDone();
  const startsAt = params.get('startsAt');
  const endsAt = params.get('endsAt');
  const range = startsAt && endsAt ? splitRange(startsAt, endsAt) : { date: /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? (params.get('date') as string) : '', start: '', end: '' };
  const initial: RoomBookingDraft = {
    roomId: params.get('roomId') ?? '',
    ...range,
    title: '',
    attendees: Number(params.get('attendees') ?? '') || 1,
    organiser: null,
  };
  const back = params.get('from') === 'calendar' ? `/rooms/calendar?date=${range.date}` : '/rooms';
  const [series, setSeries] = useState<RoomSeriesResult | null>(null);
  const [round, setRound] = useState(0);
  return (
    <Stack>
      <PageHeader title={t('rooms.form.newTitle')} description={t('rooms.form.newLead')} />
      <Anchor component={Link} to={back} className="table-link" w="fit-content">
        {params.get('from') === 'calendar' ? t('rooms.form.backToCalendar') : t('rooms.form.backToSearch')}
      </Anchor>
      {series ? (
        <>
          <SeriesReport result={series} />
          <Group>
            <Button component={Link} to="/rooms/bookings">
              {t('rooms.series.toList')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setSeries(null);
                setRound((n) => n + 1);
              }}
            >
              {t('rooms.series.another')}
            </Button>
          </Group>
        </>
      ) : (
        <RoomBookingForm key={round} initial={initial} onDone={(b) => done('rooms.form.created', b)} onSeriesDone={setSeries} />
      )}
    </Stack>
  );
}

/** 予約の変更 (organiser, booker, or General Affairs). */
export function RoomBookingEditPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const { id } = useParams();
  const booking = useRoomBooking(id);
  const done = useRoomBookingDone();
  const [scope, setScope] = useState<'one' | 'following'>('one');
  const [seriesResult, setSeriesResult] = useState<RoomSeriesResult | null>(null);
  return (
    <Stack>
      <PageHeader title={t('rooms.form.editTitle')} description={t('rooms.form.editLead')} />
      <Anchor component={Link} to="/rooms/bookings" className="table-link" w="fit-content">
        {t('rooms.form.backToList')}
      </Anchor>
      <ErrorAlert error={booking.error} />
      {booking.isPending && <LoadingState />}
      {booking.data && (
        <>
          <Group gap="sm">
            <Text fw={600}>
              {booking.data.roomName} — {formatRange(booking.data.startsAt, booking.data.endsAt, lang)}
            </Text>
            <RoomBookingStatusBadge status={booking.data.status} />
            {booking.data.seriesId && <SeriesBadge />}
          </Group>
          {seriesResult ? (
            <>
              <SeriesReport result={seriesResult} titleKey="rooms.series.changeResultTitle" />
              <Button component={Link} to="/rooms/bookings" w="fit-content">
                {t('rooms.series.toList')}
              </Button>
            </>
          ) : (
            <>
              {booking.data.seriesId && (
                <Radio.Group label={t('rooms.series.scope')} value={scope} onChange={(v) => setScope(v as 'one' | 'following')} className="room-radio">
                  <Group gap="lg" mt={4}>
                    <Radio size="md" value="one" label={t('rooms.series.scopeOne')} />
                    <Radio size="md" value="following" label={t('rooms.series.scopeFollowing')} />
                  </Group>
                </Radio.Group>
              )}
              {booking.data.seriesId && scope === 'following' ? (
                <SeriesEditForm booking={booking.data} onDone={setSeriesResult} />
              ) : (
                <RoomBookingForm
                  key={booking.data.updatedAt}
                  initial={draftFromBooking(booking.data, user.id)}
                  booking={booking.data}
                  onDone={(b) => done('rooms.form.updated', b)}
                />
              )}
            </>
          )}
        </>
      )}
    </Stack>
  );
}
