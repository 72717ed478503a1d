import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Button, Checkbox, Code, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CreateRoomLotteryRound } from '@rr/contracts';
import { useRooms } from '../api/rooms.api';
import {
  useAdvanceRoomLotteryRound,
  useCreateRoomLotteryRound,
  useRoomLotteryRecord,
  useRoomLotteryRound,
  useRoomLotteryRoundRequests,
  useRoomLotteryRounds,
} from '../api/room-lottery.api';
import { ChoiceList, formatInstant, formatRoundPeriod, ResultText, RoomRequestStatusBadge, RoomRoundStatusBadge, RoomRoundSummary } from './lottery-parts';
import { PageHeader } from '../../../shared/components/page-header';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import { fromTokyoLocalInput } from '../../../shared/time/tokyo';

const INSTANTS = ['opensAt', 'closesAt', 'drawAt', 'confirmBy', 'firstComeAt', 'periodStart', 'periodEnd'] as const;
type InstantKey = (typeof INSTANTS)[number];

/** 抽選回の作成: name, high-demand rooms and the seven instants (Tokyo wall-clock, 15-minute steps). */
function CreateRoundForm({ onCreated }: { onCreated: (name: string) => void }) {
  const { t } = useTranslation();
  const rooms = useRooms();
  const create = useCreateRoomLotteryRound();
  const [name, setName] = useState('');
  const [roomIds, setRoomIds] = useState<string[] | null>(null);
  const [times, setTimes] = useState<Record<InstantKey, string>>({ opensAt: '', closesAt: '', drawAt: '', confirmBy: '', firstComeAt: '', periodStart: '', periodEnd: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const list = rooms.data ?? [];
  // High-demand rooms are preselected until the user changes the selection.
  const selected = roomIds ?? list.filter((r) => r.highDemand).map((r) => r.id);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (name.trim().length < 1 || name.trim().length > 100) errs.name = t('rooms.lottery.admin.errors.name');
    if (selected.length === 0) errs.rooms = t('rooms.lottery.admin.errors.rooms');
    const instants = {} as Record<InstantKey, string>;
    for (const key of INSTANTS) {
      const value = times[key] ? fromTokyoLocalInput(times[key]) : null;
      if (!value) errs[key] = t('rooms.lottery.admin.errors.instant');
      else instants[key] = value;
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    const body: CreateRoomLotteryRound = { name: name.trim(), roomIds: selected, ...instants };
    create.mutate(body, {
      onSuccess: (round) => {
        setName('');
        setRoomIds(null);
        onCreated(round.name);
      },
    });
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate aria-labelledby="room-lottery-create">
        <Stack>
          <Title order={2} size="h3" id="room-lottery-create">
            {t('rooms.lottery.admin.create')}
          </Title>
          <TextInput label={t('rooms.lottery.admin.name')} required maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <Checkbox.Group label={t('rooms.lottery.admin.rooms')} description={t('rooms.lottery.admin.roomsHint')} value={selected} onChange={setRoomIds} error={errors.rooms} withAsterisk>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs">
              {list.map((r) => (
                <Checkbox key={r.id} value={r.id} size="md" label={`${r.name}（${r.building}）`} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <ErrorAlert error={rooms.error} />
          <Text size="sm" c="dimmed">
            {t('rooms.lottery.admin.order')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {INSTANTS.map((key) => (
              <TextInput
                key={key}
                type="datetime-local"
                step={900}
                required
                label={t(`rooms.lottery.admin.${key}`)}
                value={times[key]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setTimes((ts) => ({ ...ts, [key]: value }));
                }}
                error={errors[key]}
              />
            ))}
          </SimpleGrid>
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button type="submit" size="md" loading={create.isPending}>
              {t('rooms.lottery.admin.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** 抽選（管理） (/rooms/admin/lottery): create a round over high-demand rooms and list rounds with their state. */
export function AdminRoomLotteryPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const rounds = useRoomLotteryRounds(false);
  const [notice, setNotice] = useState('');
  const list = rounds.data ?? [];

  return (
    <Stack>
      <PageHeader title={t('rooms.lottery.admin.title')} description={t('rooms.lottery.admin.lead')} />
      <SuccessNotice>{notice}</SuccessNotice>
      <CreateRoundForm onCreated={(name) => setNotice(t('rooms.lottery.admin.created', { name }))} />
      <ErrorAlert error={rounds.error} />
      {rounds.isPending && <LoadingState />}
      {rounds.data && (
        <DataTable
          caption={t('rooms.lottery.admin.rounds')}
          columns={[
            t('rooms.lottery.columns.name'),
            t('rooms.lottery.schedule.period'),
            t('rooms.lottery.schedule.window'),
            t('rooms.lottery.schedule.draw'),
            t('rooms.lottery.columns.status'),
            t('rooms.lottery.schedule.requests'),
            t('rooms.lottery.columns.actions'),
          ]}
          minWidth={900}
          isEmpty={list.length === 0}
          empty={t('rooms.lottery.admin.noRounds')}
          busy={rounds.isFetching}
        >
          {list.map((round) => (
            <Table.Tr key={round.id}>
              <Table.Th scope="row">{round.name}</Table.Th>
              <Table.Td>{formatRoundPeriod(round, lang)}</Table.Td>
              <Table.Td>
                {formatInstant(round.opensAt, lang)}〜{formatInstant(round.closesAt, lang)}
              </Table.Td>
              <Table.Td>{formatInstant(round.drawAt, lang)}</Table.Td>
              <Table.Td>
                <RoomRoundStatusBadge status={round.status} />
              </Table.Td>
              <Table.Td>{round.requestCount}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/rooms/admin/lottery/${round.id}`} aria-label={`${round.name} ${t('rooms.lottery.admin.details')}`}>
                  {t('rooms.lottery.admin.details')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

/** One round for General Affairs: schedule, every entry, and the draw result (seed, digest, record). */
export function AdminRoomLotteryRoundPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id } = useParams();
  const round = useRoomLotteryRound(id);
  const requests = useRoomLotteryRoundRequests(id, true);
  const drawn = round.data?.status === 'drawn' || round.data?.status === 'done';
  const record = useRoomLotteryRecord(id, drawn);
  const advance = useAdvanceRoomLotteryRound();
  const [notice, setNotice] = useState('');
  const entries = requests.data ?? [];

  return (
    <Stack>
      <PageHeader
        title={round.data?.name ?? t('rooms.lottery.admin.title')}
        actions={
          <Button component={Link} to="/rooms/admin/lottery" variant="default">
            {t('rooms.lottery.admin.back')}
          </Button>
        }
      />
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={round.error ?? requests.error ?? advance.error} />
      {round.isPending && <LoadingState />}
      {round.data && (
        <RoomRoundSummary
          round={round.data}
          headingLevel={2}
          actions={
            round.data.status !== 'done' && (
              <Button
                variant="default"
                loading={advance.isPending}
                onClick={() =>
                  advance.mutate(round.data.id, {
                    onSuccess: (r) => setNotice(r.advanced.length > 0 ? t('rooms.lottery.admin.advanced', { count: r.advanced.length }) : t('rooms.lottery.admin.nothingToAdvance')),
                  })
                }
              >
                {t('rooms.lottery.admin.advance')}
              </Button>
            )
          }
        />
      )}
      {requests.data && (
        <DataTable
          caption={t('rooms.lottery.admin.entries', { count: entries.length })}
          columns={[t('rooms.lottery.columns.applicant'), t('rooms.lottery.columns.title'), t('rooms.lottery.columns.choices'), t('rooms.lottery.columns.status')]}
          minWidth={760}
          isEmpty={entries.length === 0}
          empty={t('rooms.lottery.admin.noEntries')}
          busy={requests.isFetching}
        >
          {entries.map((request) => (
            <Table.Tr key={request.id}>
              <Table.Th scope="row">{request.userName}</Table.Th>
              <Table.Td>
                {request.title}
                <Text size="xs" c="dimmed">
                  {t('rooms.lottery.attendees')}: {request.attendees}
                </Text>
              </Table.Td>
              <Table.Td>
                <ChoiceList request={request} />
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <RoomRequestStatusBadge status={request.status} />
                  <ResultText request={request} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {round.data && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="room-lottery-result">
          <Stack gap="sm">
            <Title order={2} size="h3" id="room-lottery-result">
              {t('rooms.lottery.admin.result')}
            </Title>
            {!drawn && <Text c="dimmed">{t('rooms.lottery.admin.notDrawn')}</Text>}
            <dl className="room-lottery-schedule">
              <div>
                <dt>{t('rooms.lottery.admin.commitment')}</dt>
                <dd>
                  <Code>{round.data.commitment}</Code>
                </dd>
              </div>
              {drawn && (
                <>
                  <div>
                    <dt>{t('rooms.lottery.admin.drawnAt')}</dt>
                    <dd>{formatInstant(round.data.drawnAt, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('rooms.lottery.admin.seed')}</dt>
                    <dd>
                      <Code>{round.data.seed}</Code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('rooms.lottery.admin.digest')}</dt>
                    <dd>
                      <Code>{round.data.resultDigest}</Code>
                    </dd>
                  </div>
                </>
              )}
            </dl>
            {drawn && <ErrorAlert error={record.error} />}
            {record.data !== undefined && (
              <details>
                <summary>{t('rooms.lottery.admin.record')}</summary>
                <Code block>{JSON.stringify(record.data, null, 2)}</Code>
              </details>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
