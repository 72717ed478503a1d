import { useState } from 'react';
import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoomLotteryRequestView, RoomLotteryRound } from '@rr/contracts';
import { useAnswerRoomLotteryWin, useMyRoomLotteryRequests, useRoomLotteryRounds, useWithdrawRoomLotteryRequest } from '../api/room-lottery.api';
import { ChoiceList, ResultText, RoomRequestStatusBadge, RoomRoundSummary, windowOpen } from './lottery-parts';
import { RoomLotteryRequestModal } from './lottery-form';
import { PageHeader } from '../../../shared/components/page-header';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';

type Editing = { round: RoomLotteryRound; request?: RoomLotteryRequestView } | null;
type Asking = { request: RoomLotteryRequestView; action: 'withdraw' | 'decline' } | null;

/** 抽選 (/rooms/lottery): current rounds, applying with ranked choices, and my entries with their results. */
export function RoomLotteryPage() {
  const { t } = useTranslation();
  const rounds = useRoomLotteryRounds(false);
  const mine = useMyRoomLotteryRequests();
  const withdraw = useWithdrawRoomLotteryRequest();
  const answer = useAnswerRoomLotteryWin();
  const [editing, setEditing] = useState<Editing>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [notice, setNotice] = useState('');

  const all = rounds.data ?? [];
  const byId = new Map(all.map((r) => [r.id, r]));
  const current = all.filter((r) => r.status === 'scheduled' || r.status === 'open' || windowOpen(r)).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  const entries = mine.data ?? [];
  const now = Date.now();

  const done = (message: string) => {
    setEditing(null);
    setAsking(null);
    setNotice(message);
  };

  return (
    <Stack>
      <PageHeader title={t('rooms.lottery.title')} description={t('rooms.lottery.lead')} />
      <Alert color="blue" variant="light" role="note" title={t('rooms.lottery.howTitle')}>
        <Text size="sm">{t('rooms.lottery.how')}</Text>
      </Alert>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={rounds.error ?? mine.error} />
      <ErrorAlert error={answer.error} />
      {(rounds.isPending || mine.isPending) && <LoadingState />}
      {rounds.data && (
        <>
          <Title order={2} size="h3">
            {t('rooms.lottery.openRounds')}
          </Title>
          {current.length === 0 && <Text c="dimmed">{t('rooms.lottery.noOpenRounds')}</Text>}
          {current.map((round) => (
            <RoomRoundSummary
              key={round.id}
              round={round}
              actions={
                windowOpen(round) && (
                  <Button size="md" onClick={() => setEditing({ round })}>
                    {t('rooms.lottery.apply')}
                  </Button>
                )
              }
            />
          ))}
        </>
      )}
      {mine.data && (
        <DataTable
          caption={t('rooms.lottery.mine')}
          columns={[t('rooms.lottery.columns.round'), t('rooms.lottery.columns.title'), t('rooms.lottery.columns.choices'), t('rooms.lottery.columns.status'), t('rooms.lottery.columns.actions')]}
          minWidth={760}
          isEmpty={entries.length === 0}
          empty={t('rooms.lottery.noMine')}
          busy={mine.isFetching}
        >
          {entries.map((request) => {
            const round = byId.get(request.roundId);
            const editable = request.status === 'pending' && round !== undefined && windowOpen(round, now);
            const answerable = request.status === 'won' && (!round || now < new Date(round.confirmBy).getTime());
            return (
              <Table.Tr key={request.id}>
                <Table.Td>{round?.name ?? ''}</Table.Td>
                <Table.Th scope="row">
                  {request.title}
                  <Text size="xs" c="dimmed">
                    {t('rooms.lottery.attendees')}: {request.attendees}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <ChoiceList request={request} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <RoomRequestStatusBadge status={request.status} />
                    <ResultText request={request} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {editable && round && (
                      <>
                        <Button size="sm" variant="default" onClick={() => setEditing({ round, request })}>
                          {t('rooms.lottery.edit')}
                        </Button>
                        <Button size="sm" variant="default" color="red" onClick={() => setAsking({ request, action: 'withdraw' })}>
                          {t('rooms.lottery.withdraw')}
                        </Button>
                      </>
                    )}
                    {answerable && (
                      <>
                        <Button
                          size="sm"
                          loading={answer.isPending}
                          onClick={() => answer.mutate({ id: request.id, answer: 'confirm' }, { onSuccess: () => done(t('rooms.lottery.confirmed')) })}
                        >
                          {t('rooms.lottery.confirm')}
                        </Button>
                        <Button size="sm" variant="default" color="red" onClick={() => setAsking({ request, action: 'decline' })}>
                          {t('rooms.lottery.decline')}
                        </Button>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
      )}
      {editing && (
        <RoomLotteryRequestModal
          key={editing.request?.id ?? editing.round.id}
          round={editing.round}
          request={editing.request}
          opened
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
      <ConfirmDialog
        opened={asking !== null}
        title={asking?.action === 'decline' ? t('rooms.lottery.declineTitle') : t('rooms.lottery.withdrawTitle')}
        message={asking ? t(asking.action === 'decline' ? 'rooms.lottery.declineMessage' : 'rooms.lottery.withdrawMessage', { title: asking.request.title }) : ''}
        confirmLabel={asking?.action === 'decline' ? t('rooms.lottery.decline') : t('rooms.lottery.withdraw')}
        pending={withdraw.isPending || answer.isPending}
        error={asking?.action === 'decline' ? answer.error : withdraw.error}
        onClose={() => {
          setAsking(null);
          withdraw.reset();
          answer.reset();
        }}
        onConfirm={() => {
          if (!asking) return;
          if (asking.action === 'withdraw') withdraw.mutate(asking.request.id, { onSuccess: () => done(t('rooms.lottery.withdrawn')) });
          else answer.mutate({ id: asking.request.id, answer: 'decline' }, { onSuccess: () => done(t('rooms.lottery.declined')) });
        }}
      />
    </Stack>
  );
}
