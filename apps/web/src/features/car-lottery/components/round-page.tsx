import { useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LotteryRequest, LotteryRound } from '@rr/contracts';
import { useDrawRecord, useLotteryRound, useMyRequests, useReorderRequests, useRequestAction, type RequestAction } from '../api/lottery.api';
import { isDrawn, isFrozenOrLater, moved, requestState, waitlistPlaces } from '../lib/lottery';
import { formatInstant, formatPeriod, RequestStateBadge, RoundSummary } from './round-parts';
import { formatTrip } from '../../cars/lib/slots';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import './lottery.css';

export interface LotteryNotice {
  notice?: string;
}

/** The options of a request as an ordered list: 第1希望 class, trip. */
export function OptionList({ request }: { request: LotteryRequest }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ol className="lottery-options">
      {[...request.options]
        .sort((a, b) => a.position - b.position)
        .map((o) => (
          <li key={o.position}>
            <Text size="sm" fw={request.wonOption === o.position ? 700 : 400}>
              {t('lottery.choice', { n: o.position })}: {o.className}・{formatTrip(o.startsAt, o.endsAt, lang)}
              {request.wonOption === o.position && ` ${t('lottery.wonThis')}`}
            </Text>
          </li>
        ))}
    </ol>
  );
}

interface PendingAction {
  request: LotteryRequest;
  action: RequestAction;
}

/** One round for a staff member: its schedule, my entries (申込), results, confirmation and order. */
export function RoundPage() {
  const { roundId } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const round = useLotteryRound(roundId);
  const mine = useMyRequests(roundId);
  const action = useRequestAction();
  const reorder = useReorderRequests(roundId ?? '');
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [notice, setNotice] = useState<string>(() => (location.state as LotteryNotice | null)?.notice ?? '');

  const requests = useMemo(() => [...(mine.data ?? [])].sort((a, b) => a.rank - b.rank), [mine.data]);
  const drawn = round.data ? isDrawn(round.data.status) : false;
  const anyLost = requests.some((r) => r.result === 'lost');
  // 補欠順位: the waitlist follows the draw's own turn order (computed from the public record).
  const record = useDrawRecord(roundId, drawn && anyLost);
  const places = useMemo(() => (record.data ? waitlistPlaces(record.data) : null), [record.data]);

  if (round.isPending) return <LoadingState />;
  if (!round.data) return <ErrorAlert error={round.error} />;
  const r: LotteryRound = round.data;
  const windowOpen = r.windowOpen;

  const run = (request: LotteryRequest, kind: RequestAction) => {
    action.mutate(
      { id: request.id, action: kind },
      {
        onSuccess: (updated) => {
          setPending(null);
          action.reset();
          setNotice(t(`lottery.done.${kind}`, { purpose: updated.purpose }));
        },
      },
    );
  };

  const move = (index: number, delta: number) => {
    const ids = moved(
      requests.map((q) => q.id),
      index,
      delta,
    );
    reorder.mutate(ids, { onSuccess: () => setNotice(t('lottery.done.reorder')) });
  };

  return (
    <Stack>
      <PageHeader
        title={t('lottery.roundTitle', { period: formatPeriod(r, lang) })}
        description={t('lottery.roundLead', { pool: r.poolName })}
        actions={
          <>
            {windowOpen && (
              <Button component={Link} to={`/cars/lottery/${r.id}/new`} size="md">
                {t('lottery.apply')}
              </Button>
            )}
            {isFrozenOrLater(r.status) && (
              <Button component={Link} to={`/cars/lottery/${r.id}/draw`} variant="default" size="md">
                {t('lottery.draw.link')}
              </Button>
            )}
          </>
        }
      />
      <SuccessNotice>{notice}</SuccessNotice>
      <RoundSummary round={r} />
      {r.status === 'scheduled' && <Alert color="gray">{t('lottery.notOpenYet', { at: formatInstant(r.schedule.opensAt, lang) })}</Alert>}
      {r.status === 'frozen' && <Alert color="yellow">{t('lottery.frozenNote', { at: formatInstant(r.schedule.drawAt, lang) })}</Alert>}
      {requests.some((q) => q.canRespond) && (
        <Alert color="yellow" variant="light" role="note" title={t('lottery.respondTitle')}>
          {t('lottery.respondNote', { deadline: formatInstant(r.schedule.confirmBy, lang) })}
        </Alert>
      )}
      <ErrorAlert error={mine.error ?? (pending ? null : action.error) ?? reorder.error ?? record.error} />

      <Title order={2} size="h3">
        {t('lottery.myEntries')}
      </Title>
      {windowOpen && requests.length > 1 && <Text size="sm">{t('lottery.rankHelp')}</Text>}
      <DataTable
        caption={t('lottery.myEntriesCaption', { count: requests.length })}
        columns={[t('lottery.columns.rank'), t('lottery.columns.entry'), t('lottery.columns.result'), t('common.actions')]}
        minWidth={700}
        isEmpty={requests.length === 0}
        empty={windowOpen ? t('lottery.noEntriesOpen') : t('lottery.noEntries')}
        busy={mine.isFetching || reorder.isPending}
        highlightOnHover={false}
      >
        {requests.map((q, index) => {
          const state = requestState(q);
          const place = places?.get(q.id);
          const label = `${t('lottery.rankN', { n: q.rank })} ${q.purpose}`;
          return (
            <Table.Tr key={q.id} data-request-id={q.id}>
              <Table.Th scope="row" id={`request-${q.id}`}>
                {t('lottery.rankN', { n: q.rank })}
              </Table.Th>
              <Table.Td>
                <OptionList request={q} />
                <Text size="sm" fw={600} mt={4}>
                  {q.purpose}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('cars.bookings.destination', { destination: q.destination })}
                  {q.passengers > 0 && ` ${t('cars.bookings.passengers', { n: q.passengers })}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('cars.bookings.driverIs', { name: q.driverName })}
                </Text>
                {q.outOfPrefecture && (
                  <Badge color="grape" variant="light" mt={4}>
                    {t('cars.form.outOfPrefecture')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <RequestStateBadge state={state} />
                  {q.booking && q.result !== 'pending' && (
                    <Text size="sm">
                      {t('lottery.assignedCar', { plate: q.booking.plateNumber, trip: formatTrip(q.booking.startsAt, q.booking.endsAt, lang) })}
                    </Text>
                  )}
                  {state === 'won_unconfirmed' && (
                    <Text size="sm" fw={700}>
                      {t('lottery.confirmBy', { deadline: formatInstant(r.schedule.confirmBy, lang) })}
                    </Text>
                  )}
                  {state === 'lost' && place && (
                    <Text size="sm">
                      {r.status === 'first_come' || r.status === 'closed'
                        ? t('lottery.waitlistDone', { place: place.place, of: place.of })
                        : t('lottery.waitlistPlace', { place: place.place, of: place.of })}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {q.canRespond && (
                    <>
                      <Button size="sm" onClick={() => run(q, 'confirm')} loading={action.isPending && action.variables?.id === q.id} aria-describedby={`request-${q.id}`}>
                        {t('lottery.actions.confirm')}
                      </Button>
                      <Button size="sm" variant="outline" color="red" onClick={() => setPending({ request: q, action: 'decline' })} aria-describedby={`request-${q.id}`}>
                        {t('lottery.actions.decline')}
                      </Button>
                    </>
                  )}
                  {windowOpen && q.status === 'active' && (
                    <>
                      <Button size="sm" variant="default" component={Link} to={`/cars/lottery/requests/${q.id}/edit`} aria-label={t('lottery.actions.editItem', { name: label })}>
                        {t('common.edit')}
                      </Button>
                      <Button size="sm" variant="default" disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)} aria-label={t('lottery.actions.up', { name: label })}>
                        ↑
                      </Button>
                      <Button
                        size="sm"
                        variant="default"
                        disabled={index === requests.length - 1 || reorder.isPending}
                        onClick={() => move(index, 1)}
                        aria-label={t('lottery.actions.down', { name: label })}
                      >
                        ↓
                      </Button>
                      <Button size="sm" variant="outline" color="red" onClick={() => setPending({ request: q, action: 'withdraw' })} aria-label={t('lottery.actions.withdrawItem', { name: label })}>
                        {t('lottery.actions.withdraw')}
                      </Button>
                    </>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </DataTable>
      <ConfirmDialog
        opened={pending !== null}
        title={pending ? t(`lottery.ask.${pending.action === 'withdraw' ? 'withdrawTitle' : 'declineTitle'}`) : ''}
        message={pending ? t(`lottery.ask.${pending.action === 'withdraw' ? 'withdraw' : 'decline'}`, { purpose: pending.request.purpose }) : ''}
        confirmLabel={pending ? t(`lottery.actions.${pending.action === 'withdraw' ? 'withdrawConfirm' : 'declineConfirm'}`) : ''}
        pending={action.isPending}
        error={action.error}
        onConfirm={() => pending && run(pending.request, pending.action)}
        onClose={() => {
          action.reset();
          setPending(null);
        }}
      />
    </Stack>
  );
}
