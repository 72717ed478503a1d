import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AcReport } from '@rr/contracts';
import { useAcReport, usePutAcBudget } from '../api/ac.api';
import { formatHours, formatYen } from '../lib/ac-format';
import { apiUrl } from '../../../shared/api/client';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate, formatMonth, todayInTokyo } from '../../../shared/time/tokyo';

function currentFiscalYear(): number {
  const today = todayInTokyo();
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 4 ? year : year - 1;
}

type Measure = AcReport['bySection'][number];

function MeasureTable({ caption, rows, nameLabel }: { caption: string; rows: Array<Omit<Measure, 'sectionId' | 'sectionName' | 'departmentName'> & { key: string; name: string; department?: string }>; nameLabel: string }) {
  const { t } = useTranslation();
  const withDept = rows.some((r) => r.department !== undefined);
  return (
    <DataTable
      caption={caption}
      columns={[nameLabel, ...(withDept ? [t('ac.reports.colDepartment')] : []), t('ac.reports.colHours'), t('ac.reports.colYen'), t('ac.reports.colApproved'), t('ac.reports.colRejected'), t('ac.reports.colRejectedYen')]}
      minWidth={720}
      empty={t('ac.reports.empty')}
      isEmpty={rows.length === 0}
    >
      {rows.map((r) => (
        <Table.Tr key={r.key}>
          <Table.Td>{r.name}</Table.Td>
          {withDept && <Table.Td>{r.department}</Table.Td>}
          <Table.Td>{formatHours(r.approvedMinutes)}</Table.Td>
          <Table.Td>{formatYen(r.approvedYen)}</Table.Td>
          <Table.Td>{r.approvedCount}</Table.Td>
          <Table.Td>{r.rejectedCount}</Table.Td>
          <Table.Td>{formatYen(r.rejectedYen)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** 集計: fiscal-year hours and cost per section, department, month and reason; year to date against the budget. */
export function AcReportsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const thisYear = currentFiscalYear();
  const [fy, setFy] = useState(thisYear);
  const report = useAcReport(fy);
  const putBudget = usePutAcBudget();
  const [budget, setBudget] = useState<number | string>('');
  const r = report.data;
  const percent = r && r.budgetYen ? Math.round((r.ytdYen / r.budgetYen) * 1000) / 10 : null;
  return (
    <Stack>
      <PageHeader
        title={t('ac.reports.title')}
        description={t('ac.reports.lead')}
        actions={
          <Button component="a" href={apiUrl('/ac/reports.csv', { fiscalYear: fy })} variant="light">
            {t('ac.reports.csv')}
          </Button>
        }
      />
      <NativeSelect
        label={t('ac.reports.fiscalYear')}
        w={200}
        value={String(fy)}
        onChange={(e) => setFy(Number(e.currentTarget.value))}
        data={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: t('ac.reports.fiscalYearOption', { year: y }) }))}
      />
      <ErrorAlert error={report.error} />
      {report.isPending && <LoadingState />}
      {r && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Paper withBorder p="md">
              <Text c="dimmed" size="sm">
                {t('ac.reports.ytd', { date: formatDate(r.asOf, lang) })}
              </Text>
              <Text size="xl" fw={700}>
                ¥{formatYen(r.ytdYen)}
              </Text>
              <Text size="sm">{percent === null ? t('ac.reports.noBudget') : t('ac.reports.ofBudget', { percent })}</Text>
            </Paper>
            <Paper withBorder p="md">
              <Text c="dimmed" size="sm">
                {t('ac.reports.committed')}
              </Text>
              <Text size="xl" fw={700}>
                ¥{formatYen(r.committedYen)}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  putBudget.mutate({ fiscalYear: fy, yen: Number(budget) });
                }}
              >
                <Group align="flex-end">
                  <NumberInput label={t('ac.reports.budget')} min={0} thousandSeparator="," value={budget === '' ? (r.budgetYen ?? '') : budget} onChange={setBudget} />
                  <Button type="submit" loading={putBudget.isPending}>
                    {t('ac.reports.saveBudget')}
                  </Button>
                </Group>
              </form>
              <ErrorAlert error={putBudget.error} />
              {putBudget.isSuccess && <SuccessNotice>{t('ac.reports.budgetSaved')}</SuccessNotice>}
            </Paper>
          </SimpleGrid>
          <Title order={2} size="h3">
            {t('ac.reports.monthly')}
          </Title>
          <BarChart
            h={280}
            data={r.byMonth.map((m) => ({ month: formatMonth(m.month, lang), approved: m.approvedYen, rejected: m.rejectedYen }))}
            dataKey="month"
            series={[
              { name: 'approved', label: t('ac.reports.approvedSeries'), color: 'teal.6' },
              { name: 'rejected', label: t('ac.reports.rejectedSeries'), color: 'red.4' },
            ]}
            withLegend
            valueFormatter={(v) => `¥${formatYen(v)}`}
            aria-label={t('ac.reports.monthly')}
          />
          <MeasureTable caption={t('ac.reports.bySection')} nameLabel={t('ac.columns.section')} rows={r.bySection.map((s) => ({ ...s, key: s.sectionId, name: s.sectionName, department: s.departmentName }))} />
          <MeasureTable caption={t('ac.reports.byDepartment')} nameLabel={t('ac.reports.colDepartment')} rows={r.byDepartment.map((d) => ({ ...d, key: d.departmentId, name: d.departmentName }))} />
          <Title order={2} size="h3">
            {t('ac.reports.byReason')}
          </Title>
          <BarChart
            h={240}
            data={r.byReason.map((x) => ({ reason: t(`ac.reasons.${x.reasonCategory}`), approved: x.approvedYen, rejected: x.rejectedYen }))}
            dataKey="reason"
            series={[
              { name: 'approved', label: t('ac.reports.approvedSeries'), color: 'teal.6' },
              { name: 'rejected', label: t('ac.reports.rejectedSeries'), color: 'red.4' },
            ]}
            withLegend
            valueFormatter={(v) => `¥${formatYen(v)}`}
            aria-label={t('ac.reports.byReason')}
          />
          <MeasureTable caption={t('ac.reports.byReason')} nameLabel={t('ac.reports.colName')} rows={r.byReason.map((x) => ({ ...x, key: x.reasonCategory, name: t(`ac.reasons.${x.reasonCategory}`) }))} />
        </>
      )}
    </Stack>
  );
}
