import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Anchor, Badge, Button, Group, Radio, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoomBooking } from '@rr/contracts';
import { useCancelRoomBooking, useCancelRoomSeries, useCheckInBooking, useMyRoomBookings } from '../api/rooms.api';
import { RoomBookingStatusBadge, SeriesBadge } from './badges';
import type { RoomBookingNotice } from './booking-pages';
import { floorLabel, formatRange, tokyoDateOf, tokyoTime } from '../lib/room-time';
import { DataTable } from '../../../shared/components/data-table';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, todayInTokyo } from '../../../shared/time/tokyo';
import { AppModal } from '../../../shared/components/app-modal';

const PAST_DAYS = 90;
/** The check-in window is shown for bookings whose window opens within this time. */
const SOON_MS = 12 * 3600_000;

/** Holders may change or cancel an active booking until it starts (the API checks again). */
export function isChangeable(b: RoomBooking, now = Date.now()): boolean {
  return b.status === 'active' && new Date(b.startsAt).getTime() > now;
}

/** The check-in window is open now and the booking has not been checked in. */
export function canCheckIn(b: RoomBooking, now = Date.now()): boolean {
  if (b.status !== 'active' || !b.checkIn || b.checkedInAt) return false;
  return new Date(b.checkIn.opensAt).getTime() <= now && now < new Date(b.checkIn.closesAt).getTime();
}

/** The /ac/new link for a booking that runs past the AC hours (from the API, else built from its fields). */
export function acExtensionLink(b: RoomBooking): string | null {
  const x = b.acExtension;
  if (!b.acExtensionNeeded || !x || x.status !== 'open') return null;
  if (x.link.startsWith('/')) return x.link;
  return `/ac/new?${new URLSearchParams({ zone: x.zoneCode, date: x.date, start: x.start, end: x.end }).toString()}`;
}

/** 時間外の空調: offer the AC extension request (or say it was made). */
export function AcExtensionOffer({ booking, describedBy }: { booking: RoomBooking; describedBy?: string }) {
  const { t } = useTranslation();
  if (!booking.acExtensionNeeded || booking.status !== 'active') return null;
  const link = acExtensionLink(booking);
  if (booking.acExtension?.status === 'requested') {
    return (
      <Badge color="teal" variant="light" className="room-badge">
        {t('rooms.ac.requested')}
      </Badge>
    );
  }
  if (!link) return null;
  return (
    <Anchor component={Link} to={link} size="sm" fw={700} className="table-link" aria-describedby={describedBy}>
      {t('rooms.ac.offer', { start: booking.acExtension?.start ?? '', end: booking.acExtension?.end ?? '' })}
    </Anchor>
  );
}

/** Asks before cancelling; stays open with the API's message if the cancellation is refused. */
export function CancelRoomBookingDialog({ booking, onClose, onCancelled }: { booking: RoomBooking | null; onClose: () => void; onCancelled: (b: RoomBooking, count: number) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const cancel = useCancelRoomBooking();
  const cancelSeries = useCancelRoomSeries();
  const [scope, setScope] = useState<'one' | 'following'>('one');
  const close = () => {
    cancel.reset();
    cancelSeries.reset();
    setScope('one');
    onClose();
  };
  const pending = cancel.isPending || cancelSeries.isPending;
  const confirm = (b: RoomBooking) => {
    if (b.seriesId && scope === 'following') {
      cancelSeries.mutate(
        { id: b.seriesId, body: { fromDate: b.occurrenceDate ?? tokyoDateOf(b.startsAt) } },
        {
          onSuccess: (r) => {
            cancelSeries.reset();
            setScope('one');
            onCancelled({ ...b, status: 'cancelled' }, r.counts.cancelled ?? r.occurrences.filter((o) => o.status === 'cancelled').length);
          },
        },
      );
      return;
    }
    cancel.mutate(b.id, {
      onSuccess: (done) => {
        cancel.reset();
        onCancelled(done, 1);
      },
    });
  };
  return (
    <AppModal opened={booking !== null} onClose={close} title={t('rooms.bookings.cancelTitle')}>
      {booking && (
        <Stack>
          <Text>{t('rooms.bookings.cancelMessage', { room: booking.roomName, range: formatRange(booking.startsAt, booking.endsAt, lang), title: booking.title })}</Text>
          {booking.seriesId && (
            <Radio.Group label={t('rooms.series.scope')} value={scope} onChange={(v) => setScope(v as 'one' | 'following')} className="room-radio">
              <Stack gap={4} mt={4}>
                <Radio size="md" value="one" label={t('rooms.series.scopeOne')} />
                <Radio size="md" value="following" label={t('rooms.series.scopeFollowing')} />
              </Stack>
            </Radio.Group>
          )}
          <ErrorAlert error={cancel.error ?? cancelSeries.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('rooms.bookings.keep')}
            </Button>
            <Button color="red" loading={pending} onClick={() => confirm(booking)}>
              {t('rooms.bookings.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}

/** 予約一覧: bookings I organise or made for someone, upcoming or past, with change and cancel. */
export function RoomMyBookingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'past' ? 'past' : 'upcoming';
  const today = todayInTokyo();
  const upcoming = useMyRoomBookings({}, view === 'upcoming');
  const history = useMyRoomBookings({ includeInactive: true, from: addDays(today, -PAST_DAYS), to: addDays(today, 400) }, view === 'past');
  const list = view === 'upcoming' ? upcoming : history;
  const [cancelling, setCancelling] = useState<RoomBooking | null>(null);
  const [notice, setNotice] = useState<string>(() => (location.state as RoomBookingNotice | null)?.notice ?? '');
  const justSaved = (location.state as RoomBookingNotice | null)?.bookingId;
  const checkIn = useCheckInBooking();

  const now = Date.now();
  const rows = (list.data ?? [])
    .filter((b) => (view === 'upcoming' ? b.status === 'active' : b.status !== 'active' || new Date(b.endsAt).getTime() <= now))
    .sort((a, b) => (view === 'upcoming' ? 1 : -1) * (new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime()));

  const setView = (v: 'upcoming' | 'past') => {
    const next = new URLSearchParams(params);
    if (v === 'past') next.set('view', 'past');
    else next.delete('view');
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <PageHeader
        title={t('rooms.bookings.title')}
        description={t('rooms.bookings.lead')}
        actions={
          <Button component={Link} to="/rooms" variant="light">
            {t('rooms.tabs.search')}
          </Button>
        }
      />
      <SuccessNotice>{notice}</SuccessNotice>
      {justSaved && (list.data ?? []).some((b) => b.id === justSaved && acExtensionLink(b)) && (
        <Text role="note" fw={600}>
          {t('rooms.ac.afterSave')}{' '}
          <AcExtensionOffer booking={(list.data ?? []).find((b) => b.id === justSaved) as RoomBooking} />
        </Text>
      )}
      <ErrorAlert error={checkIn.error} title={t('rooms.checkIn.failed')} />
      <Group gap={4} role="group" aria-label={t('rooms.bookings.viewLabel')}>
        <Button variant={view === 'upcoming' ? 'filled' : 'default'} aria-pressed={view === 'upcoming'} onClick={() => setView('upcoming')}>
          {t('rooms.bookings.upcoming')}
        </Button>
        <Button variant={view === 'past' ? 'filled' : 'default'} aria-pressed={view === 'past'} onClick={() => setView('past')}>
          {t('rooms.bookings.past')}
        </Button>
      </Group>
      {view === 'past' && <Text size="sm">{t('rooms.bookings.pastRange', { days: PAST_DAYS })}</Text>}
      <ErrorAlert error={list.error} />
      {list.isPending && <LoadingState />}
      {list.data && (
        <DataTable
          caption={t(view === 'upcoming' ? 'rooms.bookings.captionUpcoming' : 'rooms.bookings.captionPast', { count: rows.length })}
          columns={[t('rooms.bookings.when'), t('rooms.room'), t('rooms.bookings.meeting'), t('rooms.bookings.status'), t('common.actions')]}
          minWidth={760}
          empty={t('rooms.bookings.none')}
          isEmpty={rows.length === 0}
          busy={list.isFetching}
          highlightOnHover={false}
        >
          {rows.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Th scope="row" fw={600} id={`room-booking-${b.id}`}>
                {formatRange(b.startsAt, b.endsAt, lang)}
              </Table.Th>
              <Table.Td>
                <Text fw={600} size="sm">
                  {b.roomName}
                </Text>
                <Text size="xs" c="dimmed">
                  {b.building} {floorLabel(b.floor, lang)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {b.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('rooms.bookings.attendees', { n: b.attendees })} {t('rooms.bookings.organiserIs', { name: b.organiserName })}
                  {b.bookedById !== b.organiserId && ` ${t('rooms.bookings.bookedBy', { name: b.bookedByName })}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Group gap={4}>
                    <RoomBookingStatusBadge status={b.status} />
                    {b.seriesId && <SeriesBadge />}
                    {b.checkedInAt && (
                      <Badge color="teal" variant="light" className="room-badge">
                        {t('rooms.checkIn.done', { time: tokyoTime(b.checkedInAt) })}
                      </Badge>
                    )}
                  </Group>
                  {b.status === 'active' && b.checkIn && !b.checkedInAt && new Date(b.checkIn.opensAt).getTime() - now < SOON_MS && new Date(b.checkIn.closesAt).getTime() > now && (
                    <Text size="xs" c="dimmed">
                      {t('rooms.checkIn.window', { from: tokyoTime(b.checkIn.opensAt), until: tokyoTime(b.checkIn.closesAt) })}
                    </Text>
                  )}
                  <AcExtensionOffer booking={b} describedBy={`room-booking-${b.id}`} />
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {canCheckIn(b, now) && (
                    <Button
                      size="sm"
                      color="teal"
                      loading={checkIn.isPending && checkIn.variables === b.id}
                      onClick={() =>
                        checkIn.mutate(b.id, {
                          onSuccess: (done) => setNotice(t('rooms.checkIn.success', { room: done.roomName, range: formatRange(done.startsAt, done.endsAt, lang) })),
                        })
                      }
                      aria-describedby={`room-booking-${b.id}`}
                    >
                      {t('rooms.checkIn.button')}
                    </Button>
                  )}
                  {isChangeable(b, now) && (
                    <Button size="sm" variant="default" component={Link} to={`/rooms/bookings/${b.id}/edit`} aria-describedby={`room-booking-${b.id}`}>
                      {t('common.edit')}
                    </Button>
                  )}
                  {isChangeable(b, now) && (
                    <Button size="sm" variant="outline" color="red" onClick={() => setCancelling(b)} aria-describedby={`room-booking-${b.id}`}>
                      {t('rooms.bookings.cancel')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
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
    </Stack>
  );
}
