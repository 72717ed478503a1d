import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CarBooking } from '@rr/contracts';
import { useCancelBooking, useMyBookings } from '../api/cars.api';
import { BookingStatusBadge, NeedsReassignmentBadge } from './badges';
import type { BookingNotice } from './booking-pages';
import { formatTrip } from '../lib/slots';
import { DataTable } from '../../../shared/components/data-table';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, todayInTokyo } from '../../../shared/time/tokyo';
import { AppModal } from '../../../shared/components/app-modal';

const PAST_DAYS = 90;
const ACTIVE = new Set(['provisional', 'confirmed', 'in_use']);

export function isEditable(b: CarBooking, now = Date.now()): boolean {
  return (b.status === 'provisional' || b.status === 'confirmed') && new Date(b.startsAt).getTime() > now;
}

export function isCancellable(b: CarBooking, admin: boolean, now = Date.now()): boolean {
  if (admin) return b.status === 'provisional' || b.status === 'confirmed';
  return b.status === 'confirmed' && new Date(b.startsAt).getTime() > now;
}

/** Asks before cancelling; stays open with the API's message if the cancellation is refused. */
export function CancelBookingDialog({ booking, onClose, onCancelled }: { booking: CarBooking | null; onClose: () => void; onCancelled: (b: CarBooking) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const cancel = useCancelBooking();
  const close = () => {
    cancel.reset();
    onClose();
  };
  return (
    <AppModal opened={booking !== null} onClose={close} title={t('cars.bookings.cancelTitle')}>
      {booking && (
        <Stack>
          <Text>
            {t('cars.bookings.cancelMessage', { range: formatTrip(booking.startsAt, booking.endsAt, lang), plate: booking.plateNumber })}
          </Text>
          <ErrorAlert error={cancel.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('cars.bookings.keep')}
            </Button>
            <Button
              color="red"
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(booking.id, {
                  onSuccess: (b) => {
                    cancel.reset();
                    onCancelled(b);
                  },
                })
              }
            >
              {t('cars.bookings.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}

/** 予約一覧: my bookings (as driver or applicant), upcoming or past, with change and cancel. */
export function MyBookingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'past' ? 'past' : 'upcoming';
  const today = todayInTokyo();
  const upcoming = useMyBookings({}, view === 'upcoming');
  const history = useMyBookings({ includeInactive: true, from: addDays(today, -PAST_DAYS), to: addDays(today, 400) }, view === 'past');
  const list = view === 'upcoming' ? upcoming : history;
  const [cancelling, setCancelling] = useState<CarBooking | null>(null);
  const [notice, setNotice] = useState<string>(() => (location.state as BookingNotice | null)?.notice ?? '');

  const now = Date.now();
  const rows = (list.data ?? [])
    .filter((b) => (view === 'upcoming' ? true : !ACTIVE.has(b.status) || new Date(b.endsAt).getTime() <= now))
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
        title={t('cars.bookings.title')}
        description={t('cars.bookings.lead')}
        actions={
          <Button component={Link} to="/cars/new" variant="light">
            {t('cars.tabs.newBooking')}
          </Button>
        }
      />
      <SuccessNotice>{notice}</SuccessNotice>
      <Group gap={4} role="group" aria-label={t('cars.bookings.viewLabel')}>
        <Button variant={view === 'upcoming' ? 'filled' : 'default'} aria-pressed={view === 'upcoming'} onClick={() => setView('upcoming')}>
          {t('cars.bookings.upcoming')}
        </Button>
        <Button variant={view === 'past' ? 'filled' : 'default'} aria-pressed={view === 'past'} onClick={() => setView('past')}>
          {t('cars.bookings.past')}
        </Button>
      </Group>
      {view === 'past' && <Text size="sm">{t('cars.bookings.pastRange', { days: PAST_DAYS })}</Text>}
      <ErrorAlert error={list.error} />
      {list.isPending && <LoadingState />}
      {list.data && (
        <DataTable
          caption={t(view === 'upcoming' ? 'cars.bookings.captionUpcoming' : 'cars.bookings.captionPast', { count: rows.length })}
          columns={[t('cars.bookings.when'), t('cars.bookings.car'), t('cars.bookings.trip'), t('cars.bookings.status'), t('common.actions')]}
          minWidth={760}
          empty={t('cars.bookings.none')}
          isEmpty={rows.length === 0}
          busy={list.isFetching}
          highlightOnHover={false}
        >
          {rows.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Th scope="row" fw={600} id={`booking-${b.id}`}>
                {formatTrip(b.startsAt, b.endsAt, lang)}
              </Table.Th>
              <Table.Td>
                <Text fw={600} size="sm" className="nowrap">
                  {b.plateNumber}
                </Text>
                <Text size="xs" c="dimmed">
                  {b.className}・{b.carModel}
                  <br />
                  {b.garageName} {b.bay}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {b.purpose}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('cars.bookings.destination', { destination: b.destination })}
                  {b.passengers > 0 && ` ${t('cars.bookings.passengers', { n: b.passengers })}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('cars.bookings.driverIs', { name: b.driverName })}
                  {b.bookedById !== b.driverId && ` ${t('cars.bookings.bookedBy', { name: b.bookedByName })}`}
                </Text>
                {b.outOfPrefecture && (
                  <Badge color="grape" variant="light" mt={4}>
                    {t('cars.form.outOfPrefecture')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <BookingStatusBadge status={b.status} />
                  {b.needsReassignment && <NeedsReassignmentBadge />}
                  {b.source !== 'first_come' && (
                    <Badge color="gray" variant="outline" className="car-badge">
                      {t(`cars.source.${b.source}`)}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {isEditable(b, now) && (
                    <Button size="sm" variant="default" component={Link} to={`/cars/bookings/${b.id}/edit`} aria-describedby={`booking-${b.id}`}>
                      {t('cars.bookings.edit')}
                    </Button>
                  )}
                  {isCancellable(b, false, now) && (
                    <Button size="sm" variant="outline" color="red" onClick={() => setCancelling(b)} aria-describedby={`booking-${b.id}`}>
                      {t('cars.bookings.cancel')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <CancelBookingDialog
        booking={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={(b) => {
          setNotice(t('cars.bookings.cancelled', { plate: b.plateNumber, range: formatTrip(b.startsAt, b.endsAt, lang) }));
          setCancelling(null);
        }}
      />
    </Stack>
  );
}
