import { Alert, Button, Stack, Table, Text } from '@mantine/core';
import type { LateOffer } from '@rr/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime } from '../../../shared/time/tokyo';
import { useAcceptLateOffer, useMyTrips } from '../api/garage.api';
import { ChecksTable, LogsTable } from './records-tables';

/** 返却遅れ: the warning for one booking, with a large button to take the offered car (the notification links here, #offer-<id>). */
function LateOfferCard({ offer, startsAt, onMoved }: { offer: LateOffer; startsAt: string; onMoved: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const accept = useAcceptLateOffer();
  return (
    <Alert id={`offer-${offer.bookingId}`} color="orange" variant="light" title={t('garage.myTrips.lateTitle', { plate: offer.plateNumber })} tabIndex={-1}>
      <Stack gap="sm">
        <Text>{t('garage.myTrips.lateBody', { start: formatDateTime(startsAt, lang), lateEnd: formatDateTime(offer.lateEndsAt, lang) })}</Text>
        <Text>{offer.alternativePlateNumber ? t('garage.myTrips.lateOffer', { alt: offer.alternativePlateNumber }) : t('garage.myTrips.lateNone')}</Text>
        <ErrorAlert error={accept.error} />
        {offer.alternativeCarId && offer.alternativePlateNumber && (
          <Button
            size="lg"
            style={{ alignSelf: 'flex-start' }}
            loading={accept.isPending}
            onClick={() =>
              accept.mutate(
                { bookingId: offer.bookingId, body: { carId: offer.alternativeCarId! } },
                { onSuccess: (r) => onMoved(r.fromPlateNumber, r.toPlateNumber) },
              )
            }
          >
            {t('garage.myTrips.accept', { alt: offer.alternativePlateNumber })}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** A driver's own trips: upcoming bookings (with the key state), driving logs and alcohol-check records. */
export function MyTripsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const trips = useMyTrips();
  const { hash } = useLocation();
  const [notice, setNotice] = useState('');
  const data = trips.data;
  // Opened from a late-return notification: bring its offer into view.
  useEffect(() => {
    if (!hash.startsWith('#offer-') || !data) return;
    const el = document.getElementById(hash.slice(1));
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  }, [hash, data]);
  if (trips.isLoading) return <LoadingState />;
  return (
    <Stack>
      <PageHeader title={t('garage.myTrips.title')} />
      <ErrorAlert error={trips.error} />
      <SuccessNotice>{notice}</SuccessNotice>
      {data && (
        <>
          {data.lateOffers.map((o) => (
            <LateOfferCard
              key={o.bookingId}
              offer={o}
              startsAt={data.upcoming.find((b) => b.bookingId === o.bookingId)?.startsAt ?? o.lateEndsAt}
              onMoved={(from, to) => setNotice(t('garage.myTrips.moved', { from, to }))}
            />
          ))}
          <DataTable
            caption={t('garage.myTrips.upcoming', { count: data.upcoming.length })}
            columns={[t('garage.board.columns.time'), t('garage.board.columns.car'), t('garage.board.columns.destination'), t('garage.board.columns.state')]}
            minWidth={640}
            empty={t('garage.myTrips.empty')}
            isEmpty={data.upcoming.length === 0}
          >
            {data.upcoming.map((b) => (
              <Table.Tr key={b.bookingId}>
                <Table.Td>
                  {formatDateTime(b.startsAt, lang)}〜{formatDateTime(b.endsAt, lang)}
                </Table.Td>
                <Table.Td>
                  <Text fw={600}>{b.plateNumber}</Text>
                  <Text size="sm" c="dimmed">
                    {b.className} {b.bay}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {b.destination}・{b.purpose}
                </Table.Td>
                <Table.Td>{t(`garage.state.${b.state}`)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <LogsTable logs={data.logs} caption={t('garage.myTrips.logs', { count: data.logs.length })} />
          <ChecksTable checks={data.checks} caption={t('garage.myTrips.checks', { count: data.checks.length })} />
        </>
      )}
    </Stack>
  );
}
