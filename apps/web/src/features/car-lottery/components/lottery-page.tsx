import { Link } from 'react-router';
import { Alert, Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLotteryRounds } from '../api/lottery.api';
import { isCurrent, isFrozenOrLater } from '../lib/lottery';
import { formatPeriod, RoundStatusBadge, RoundSummary } from './round-parts';
import { PageHeader } from '../../../shared/components/page-header';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import './lottery.css';

/** 抽選申込: the current rounds of every pool (window, draw, confirmation), and past draws. */
export function LotteryPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const rounds = useLotteryRounds({ limit: 100 });
  const all = rounds.data?.items ?? [];
  const current = all.filter(isCurrent).sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const past = all.filter((r) => !isCurrent(r));

  return (
    <Stack>
      <PageHeader title={t('lottery.title')} description={t('lottery.lead')} />
      <Alert color="blue" variant="light" role="note" title={t('lottery.howTitle')}>
        <Text size="sm">{t('lottery.how')}</Text>
      </Alert>
      <ErrorAlert error={rounds.error} />
      {rounds.isPending && <LoadingState />}
      {rounds.data && (
        <>
          <Title order={2} size="h3">
            {t('lottery.currentRounds')}
          </Title>
          {current.length === 0 && <Text c="dimmed">{t('lottery.noCurrentRounds')}</Text>}
          {current.map((round) => (
            <RoundSummary
              key={round.id}
              round={round}
              headingLevel={3}
              actions={
                <>
                  <Button component={Link} to={`/cars/lottery/${round.id}`} size="md">
                    {round.windowOpen ? t('lottery.openRoundApply') : t('lottery.openRound')}
                  </Button>
                  {isFrozenOrLater(round.status) && (
                    <Button component={Link} to={`/cars/lottery/${round.id}/draw`} variant="default" size="md">
                      {t('lottery.draw.link')}
                    </Button>
                  )}
                </>
              }
            />
          ))}
          <DataTable
            caption={t('lottery.pastRounds', { count: past.length })}
            columns={[t('lottery.columns.pool'), t('lottery.columns.period'), t('lottery.columns.status'), t('common.actions')]}
            minWidth={640}
            isEmpty={past.length === 0}
            empty={t('lottery.noPastRounds')}
            busy={rounds.isFetching}
          >
            {past.map((round) => (
              <Table.Tr key={round.id}>
                <Table.Td>{round.poolName}</Table.Td>
                <Table.Th scope="row">{formatPeriod(round, lang)}</Table.Th>
                <Table.Td>
                  <RoundStatusBadge status={round.status} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/cars/lottery/${round.id}`} mr="md">
                    {t('lottery.myEntries')}
                  </Anchor>
                  <Anchor component={Link} to={`/cars/lottery/${round.id}/draw`}>
                    {t('lottery.draw.link')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </>
      )}
    </Stack>
  );
}
