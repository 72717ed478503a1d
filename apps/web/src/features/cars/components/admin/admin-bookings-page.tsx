import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { carBookingStatusSchema, type CarBooking } from '@rr/contracts';
import { useAdminBookings } from '../../api/cars.api';
import { BookingStatusBadge, NeedsReassignmentBadge } from '../badges';
import { CancelBookingDialog, isCancellable, isEditable } from '../my-bookings-page';
import type { BookingNotice } from '../booking-pages';
import { formatTrip } from '../../lib/slots';
import { PageHeader } from '../../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { Pager } from '../../../../shared/components/pager';
import { useLang } from '../../../../shared/hooks/use-lang';
import { todayInTokyo } from '../../../../shared/time/tokyo';

const PAGE_SIZE = 100;

/** 予約管理: every booking of a day (or all flagged 要振替), to reassign or cancel. */
export function AdminBookingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const today = todayInTokyo();
  const date = params.get('date') ?? today;
  const needsReassignment = params.get('needsReassignment') === 'true';
  const status = params.get('status') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  // An emptied date field lists every day (e.g. all bookings flagged 要振替).
  const bookings = useAdminBookings({
    date: date || undefined,
    needsReassignment: needsReassignment || undefined,
    status: status || undefined,
    limit: PAGE_SIZE,
    offset,
  });
  const [cancelling, setCancelling] = useState<CarBooking | null>(null);
  const [notice, setNotice] = useState<string>(() => (location.state as BookingNotice | null)?.notice ?? '');

  const setParam = (key: string, value: string, keepEmpty = false) => {
    const next = new URLSearchParams(params);
    if (value || keepEmpty) next.set(key, value);
    else next.delete(key);
    next.delete('offset');
    setParams(next, { replace: true });
  };

  const items = bookings.data?.items ?? [];
  const now = Date.now();

  return (
    <Stack>
      <PageHeader title={t('cars.admin.bookings.title')} description={t('cars.admin.bookings.lead')} />
      <SuccessNotice>{notice}</SuccessNotice>
      <form role="search" aria-label={t('cars.admin.bookings.filterLabel')} onSubmit={(e) => e.preventDefault()}>
        <Group align="flex-end" wrap="wrap">
          <TextInput type="date" label={t('cars.admin.bookings.date')} value={date} onChange={(e) => setParam('date', e.currentTarget.value, true)} w={200} description={t('cars.admin.bookings.dateHelp')} />
          <NativeSelect
            label={t('cars.bookings.status')}
            value={status}
            onChange={(e) => setParam('status', e.currentTarget.value)}
            data={[{ value: '', label: t('common.all') }, ...carBookingStatusSchema.options.map((s) => ({ value: s, label: t(`cars.status.${s}`) }))]}
            w={200}
            mb={26}
          />
          <Checkbox
            size="md"
            mb={26}
            label={t('cars.admin.bookings.needsReassignmentOnly')}
            checked={needsReassignment}
            onChange={(e) => setParam('needsReassignment', e.currentTarget.checked ? 'true' : '')}
          />
        </Group>
      </form>
      <ErrorAlert error={bookings.error} />
      {bookings.isPending && <LoadingState />}
      {bookings.data && (
        <>
          <Table.ScrollContainer minWidth={960}>
            <Table captionSide="top" striped verticalSpacing="sm" aria-busy={bookings.isFetching}>
              <Table.Caption>{t('cars.admin.bookings.caption', { count: bookings.data.total })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cars.bookings.when')}</Table.Th>
                  <Table.Th scope="col">{t('cars.bookings.car')}</Table.Th>
                  <Table.Th scope="col">{t('cars.bookings.driver')}</Table.Th>
                  <Table.Th scope="col">{t('cars.bookings.trip')}</Table.Th>
                  <Table.Th scope="col">{t('cars.bookings.status')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed">{t('cars.bookings.none')}</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {items.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Th scope="row" fw={600} id={`admin-booking-${b.id}`}>
                      {formatTrip(b.startsAt, b.endsAt, lang)}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm" fw={600} className="nowrap">
                        {b.plateNumber}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {b.className} {b.bay}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{b.driverName}</Text>
                      <Text size="xs" c="dimmed">
                        {b.sectionName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{b.purpose}</Text>
                      <Text size="xs" c="dimmed">
                        {t('cars.bookings.destination', { destination: b.destination })}
                      </Text>
                      {b.outOfPrefecture && (
                        <Badge color="grape" variant="light" mt={4}>
                          {t('cars.form.outOfPrefecture')}
                        </Badge>
                      )}
                      {b.priorityReason && (
                        <Text size="xs">
                          {t('cars.admin.bookings.priority', { reason: b.priorityReason })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <BookingStatusBadge status={b.status} />
                        {b.needsReassignment && <NeedsReassignmentBadge />}
                        <Badge color="gray" variant="outline" className="car-badge">
                          {t(`cars.source.${b.source}`)}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {isEditable(b, now) && (
                          <Button size="sm" variant={b.needsReassignment ? 'filled' : 'default'} component={Link} to={`/cars/bookings/${b.id}/edit?back=admin`} aria-describedby={`admin-booking-${b.id}`}>
                            {b.needsReassignment ? t('cars.admin.bookings.reassign') : t('cars.bookings.edit')}
                          </Button>
                        )}
                        {isCancellable(b, true, now) && (
                          <Button size="sm" variant="outline" color="red" onClick={() => setCancelling(b)} aria-describedby={`admin-booking-${b.id}`}>
                            {t('cars.bookings.cancel')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            total={bookings.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onOffsetChange={(o) => {
              const next = new URLSearchParams(params);
              next.set('offset', String(o));
              setParams(next);
            }}
          />
        </>
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
