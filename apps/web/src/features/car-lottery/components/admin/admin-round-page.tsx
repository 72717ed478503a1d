import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { useTranslation } from 'react-i18next';
import type { LotteryDashboard, LotteryRound } from '@rr/contracts';
import { useAdvanceRound, useLotteryDashboard, useLotteryRound, useSetExternalValue } from '../../api/lottery.api';
import { isDrawn } from '../../lib/lottery';
import { formatPeriod, RoundSummary } from '../round-parts';
import { PriorityReservationsSection } from './priority-reservations';
import { ConfirmDialog } from '../../../../shared/components/confirm-dialog';
import { DataTable } from '../../../../shared/components/data-table';
import { ErrorAlert } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { PageHeader } from '../../../../shared/components/page-header';
import { useLang } from '../../../../shared/hooks/use-lang';
import { formatDate } from '../../../../shared/time/tokyo';
import '../lottery.css';

const pct = (v: number | null, lang: string) => (v === null ? '—' : `${(v * 100).toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { maximumFractionDigits: 1 })}%`);
const num = (v: number, lang: string) => v.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { maximumFractionDigits: 2 });

/** 外部乱数値 and 状態の進行: what an administrator does to a round by hand. */
function OperationsSection({ round }: { round: LotteryRound }) {
  const { t } = useTranslation();
  const advance = useAdvanceRound();
  const setValue = useSetExternalValue();
  const [value, setValueDraft] = useState('');
  const [asking, setAsking] = useState(false);
  const [localError, setLocalError] = useState('');
  const canSetValue = !round.externalValue && ['scheduled', 'open', 'frozen'].includes(round.status);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="round-operations">
      <Stack gap="sm">
        <Title order={2} size="h3" id="round-operations">
          {t('lottery.admin.operations')}
        </Title>
        <Text size="sm">{t('lottery.admin.advanceLead')}</Text>
        <Group>
          <Button size="md" onClick={() => advance.mutate(round.id)} loading={advance.isPending}>
            {t('lottery.admin.advance')}
          </Button>
        </Group>
        <ErrorAlert error={advance.error} />
        {advance.data && (
          <Alert color="green" variant="light" role="status">
            {advance.data.steps.length === 0
              ? t('lottery.admin.advanceNothing', { status: t(`lottery.roundStatus.${advance.data.status}`) })
              : t('lottery.admin.advanceDone', {
                  steps: advance.data.steps.map((s) => t(`lottery.steps.${s}`, { defaultValue: s })).join('、'),
                  status: t(`lottery.roundStatus.${advance.data.status}`),
                })}
          </Alert>
        )}

        <Title order={3} size="h4" mt="sm">
          {t('lottery.admin.externalTitle')}
        </Title>
        <Text size="sm">{t('lottery.admin.externalLead')}</Text>
        {round.externalValue ? (
          <Text>
            {t('lottery.admin.externalIs')} <code className="lottery-digest">{round.externalValue}</code>（{t(`lottery.draw.source.${round.externalValueSource ?? 'official'}`)}）
          </Text>
        ) : canSetValue ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!value.trim()) return setLocalError(t('lottery.admin.externalRequired'));
              setLocalError('');
              setAsking(true);
            }}
          >
            <Group align="flex-end">
              <TextInput
                label={t('lottery.admin.externalLabel')}
                description={t('lottery.admin.externalHelp')}
                maxLength={1000}
                w={480}
                value={value}
                onChange={(e) => setValueDraft(e.currentTarget.value)}
                error={localError || undefined}
              />
              <Button type="submit" size="md">
                {t('lottery.admin.externalSubmit')}
              </Button>
            </Group>
          </form>
        ) : (
          <Text c="dimmed">{t('lottery.admin.externalFallback')}</Text>
        )}
        <ConfirmDialog
          opened={asking}
          title={t('lottery.admin.externalConfirmTitle')}
          message={t('lottery.admin.externalConfirm', { value: value.trim() })}
          confirmLabel={t('lottery.admin.externalSubmit')}
          pending={setValue.isPending}
          error={setValue.error}
          onConfirm={() =>
            setValue.mutate(
              { id: round.id, value: value.trim() },
              {
                onSuccess: () => {
                  setAsking(false);
                  setValueDraft('');
                },
              },
            )
          }
          onClose={() => {
            setValue.reset();
            setAsking(false);
          }}
        />
      </Stack>
    </Paper>
  );
}

/** Entries, demand against capacity per class and day, outcome and fairness figures. */
function DashboardSection({ dashboard, drawn }: { dashboard: LotteryDashboard; drawn: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { entries, demand, outcome, fairness } = dashboard;
  const chartData = demand.map((d) => ({
    label: `${formatDate(d.date, lang, false).replace(/^\d{4}年/, '')} ${d.className}`,
    capacityHours: d.capacityHours,
    requestedHours: d.requestedHours,
    wonHours: d.wonHours,
  }));
  const figure = (label: string, value: string | number) => (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );

  return (
    <Stack component="section" aria-labelledby="round-dashboard">
      <Title order={2} size="h3" id="round-dashboard">
        {t('lottery.admin.dashboard')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {figure(t('lottery.admin.fig.requests'), entries.requests)}
        {figure(t('lottery.admin.fig.applicants'), entries.applicants)}
        {figure(t('lottery.admin.fig.sections'), entries.sections)}
        {figure(t('lottery.admin.fig.withdrawn'), entries.withdrawn)}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DataTable caption={t('lottery.admin.byRank')} columns={[t('lottery.columns.rank'), t('lottery.admin.fig.requests')]} minWidth={280} isEmpty={entries.byRank.length === 0} empty={t('lottery.admin.none')}>
          {entries.byRank.map((r) => (
            <Table.Tr key={r.rank}>
              <Table.Th scope="row">{t('lottery.rankN', { n: r.rank })}</Table.Th>
              <Table.Td>{r.requests}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <DataTable caption={t('lottery.admin.byChoices')} columns={[t('lottery.admin.choicesCount'), t('lottery.admin.fig.requests')]} minWidth={280} isEmpty={entries.byChoices.length === 0} empty={t('lottery.admin.none')}>
          {entries.byChoices.map((r) => (
            <Table.Tr key={r.choices}>
              <Table.Th scope="row">{t('lottery.admin.choicesN', { n: r.choices })}</Table.Th>
              <Table.Td>{r.requests}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </SimpleGrid>

      <Title order={3} size="h4">
        {t('lottery.admin.demandTitle')}
      </Title>
      <Text size="sm">{t('lottery.admin.demandLead')}</Text>
      {chartData.length > 0 && (
        <figure style={{ margin: 0 }} aria-label={t('lottery.admin.demandChart')}>
          <BarChart
            h={280}
            data={chartData}
            dataKey="label"
            withLegend
            series={[
              { name: 'capacityHours', label: t('lottery.admin.capacityHours'), color: 'gray.5' },
              { name: 'requestedHours', label: t('lottery.admin.requestedHours'), color: 'blue.6' },
              ...(drawn ? [{ name: 'wonHours', label: t('lottery.admin.wonHours'), color: 'teal.6' }] : []),
            ]}
          />
          <figcaption>
            <Text size="xs" c="dimmed">
              {t('lottery.admin.demandChartNote')}
            </Text>
          </figcaption>
        </figure>
      )}
      <DataTable
        caption={t('lottery.admin.demandCaption')}
        columns={[
          t('lottery.admin.date'),
          t('lottery.form.class'),
          t('lottery.admin.cars'),
          t('lottery.admin.capacityHours'),
          t('lottery.admin.requestedHours'),
          t('lottery.admin.load'),
          t('lottery.admin.wonHours'),
        ]}
        minWidth={760}
        isEmpty={demand.length === 0}
        empty={t('lottery.admin.none')}
      >
        {demand.map((d) => (
          <Table.Tr key={`${d.date}|${d.classCode}`}>
            <Table.Th scope="row">{formatDate(d.date, lang)}</Table.Th>
            <Table.Td>{d.className}</Table.Td>
            <Table.Td>{d.cars}</Table.Td>
            <Table.Td>{num(d.capacityHours, lang)}</Table.Td>
            <Table.Td>{num(d.requestedHours, lang)}</Table.Td>
            <Table.Td>
              <Text span fw={d.load !== null && d.load > 1 ? 700 : 400} c={d.load !== null && d.load > 1 ? 'red.8' : undefined}>
                {d.load === null ? '—' : num(d.load, lang)}
              </Text>
            </Table.Td>
            <Table.Td>{drawn ? num(d.wonHours, lang) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>

      <Title order={3} size="h4">
        {t('lottery.admin.outcomeTitle')}
      </Title>
      {!drawn && <Text c="dimmed">{t('lottery.admin.beforeDraw')}</Text>}
      {drawn && (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {figure(t('lottery.admin.fig.won'), outcome.won)}
          {figure(t('lottery.admin.fig.lost'), outcome.lost)}
          {figure(t('lottery.admin.fig.promoted'), outcome.promoted)}
          {figure(t('lottery.admin.fig.provisional'), outcome.provisional)}
          {figure(t('lottery.admin.fig.confirmed'), outcome.confirmed)}
          {figure(t('lottery.admin.fig.declined'), outcome.declined)}
          {figure(t('lottery.admin.fig.void'), outcome.void)}
        </SimpleGrid>
      )}

      <Title order={3} size="h4">
        {t('lottery.admin.fairnessTitle')}
      </Title>
      <Text size="sm">{t('lottery.admin.fairnessLead')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {figure(t('lottery.admin.fig.shareWithWin'), drawn ? pct(fairness.shareWithWin, lang) : '—')}
        {figure(t('lottery.admin.fig.applicantsWithWin'), drawn ? `${fairness.applicantsWithWin} / ${fairness.applicants}` : '—')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DataTable caption={t('lottery.admin.ticketsCaption')} columns={[t('lottery.draw.columns.tickets'), t('lottery.admin.users')]} minWidth={240} isEmpty={fairness.tickets.length === 0} empty={t('lottery.admin.none')}>
          {fairness.tickets.map((r) => (
            <Table.Tr key={r.tickets}>
              <Table.Th scope="row">{r.tickets}</Table.Th>
              <Table.Td>{r.users}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <DataTable caption={t('lottery.admin.streakBefore')} columns={[t('lottery.draw.columns.streak'), t('lottery.admin.users')]} minWidth={240} isEmpty={fairness.streakBefore.length === 0} empty={t('lottery.admin.none')}>
          {fairness.streakBefore.map((r) => (
            <Table.Tr key={r.zeroWinStreak}>
              <Table.Th scope="row">{r.zeroWinStreak}</Table.Th>
              <Table.Td>{r.users}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <DataTable caption={t('lottery.admin.streakAfter')} columns={[t('lottery.draw.columns.streak'), t('lottery.admin.users')]} minWidth={240} isEmpty={fairness.streakAfter.length === 0} empty={t('lottery.admin.none')}>
          {fairness.streakAfter.map((r) => (
            <Table.Tr key={r.zeroWinStreak}>
              <Table.Th scope="row">{r.zeroWinStreak}</Table.Th>
              <Table.Td>{r.users}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </SimpleGrid>
    </Stack>
  );
}

/** 抽選ラウンドの運営 (garage administrators): one round's state, operations, dashboard and priority reservations. */
export function AdminRoundPage() {
  const { roundId } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const round = useLotteryRound(roundId);
  const dashboard = useLotteryDashboard(roundId);

  if (round.isPending) return <LoadingState />;
  if (!round.data) return <ErrorAlert error={round.error} />;
  const r = round.data;
  const drawn = isDrawn(r.status);

  return (
    <Stack>
      <PageHeader
        title={t('lottery.admin.roundTitle', { period: formatPeriod(r, lang) })}
        description={r.poolName}
        actions={
          <Button component={Link} to={`/cars/lottery/${r.id}/draw`} variant="default" size="md">
            {t('lottery.draw.link')}
          </Button>
        }
      />
      <Anchor component={Link} to="/cars/admin/lottery">
        {t('lottery.admin.backToRounds')}
      </Anchor>
      {r.inputChangedAfterFreeze && (
        <Alert color="yellow" variant="light" role="note">
          {t('lottery.draw.inputChanged')}
        </Alert>
      )}
      <RoundSummary round={r} />
      <OperationsSection round={r} />
      <ErrorAlert error={dashboard.error} />
      {dashboard.isPending && <LoadingState />}
      {dashboard.data && <DashboardSection dashboard={dashboard.data} drawn={drawn} />}
      <PriorityReservationsSection round={r} />
      <Text size="sm" c="dimmed">
        {t('lottery.admin.auditNote')}
      </Text>
    </Stack>
  );
}
