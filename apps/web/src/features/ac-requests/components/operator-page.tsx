import { useSearchParams } from 'react-router';
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAcDaySheet } from '../api/ac.api';
import { formatHours, formatYen } from '../lib/ac-format';
import { apiUrl } from '../../../shared/api/client';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, formatDate, formatDateTime, todayInTokyo } from '../../../shared/time/tokyo';
import './ac.css';

/** 運転指示書: the day's merged instructions for the building operator; printable, and as CSV. */
export function AcOperatorPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? todayInTokyo();
  const sheet = useAcDaySheet(date);
  const s = sheet.data;
  return (
    <Stack className="ac-sheet">
      <PageHeader
        title={t('ac.operator.title')}
        description={t('ac.operator.lead')}
        actions={
          <Group className="ac-no-print">
            <Button variant="default" onClick={() => window.print()}>
              {t('ac.operator.print')}
            </Button>
            <Button component="a" href={apiUrl('/ac/instructions.csv', { date })} variant="light">
              {t('ac.operator.csv')}
            </Button>
          </Group>
        }
      />
      <Group className="ac-no-print" align="flex-end">
        <Button variant="subtle" onClick={() => setParams({ date: addDays(date, -1) })} aria-label={formatDate(addDays(date, -1), lang)}>
          ◀
        </Button>
        <TextInput type="date" label={t('ac.operator.date')} value={date} onChange={(e) => e.currentTarget.value && setParams({ date: e.currentTarget.value })} />
        <Button variant="subtle" onClick={() => setParams({ date: addDays(date, 1) })} aria-label={formatDate(addDays(date, 1), lang)}>
          ▶
        </Button>
      </Group>
      <ErrorAlert error={sheet.error} />
      {sheet.isPending && <LoadingState />}
      {s && (
        <>
          <Text fw={600}>{s.revision > 0 ? t('ac.operator.revision', { revision: s.revision, at: formatDateTime(s.updatedAt, lang) }) : t('ac.operator.noRevision')}</Text>
          <DataTable
            caption={t('ac.operator.caption', { date: formatDate(s.date, lang), dayType: t(`ac.dayType.${s.dayType}`) })}
            columns={[t('ac.operator.colBuilding'), t('ac.operator.colZone'), t('ac.operator.colStart'), t('ac.operator.colEnd'), t('ac.operator.colMinutes'), t('ac.operator.colYen'), t('ac.operator.colShares')]}
            minWidth={860}
            empty={t('ac.operator.empty')}
            isEmpty={s.instructions.length === 0}
          >
            {s.instructions.map((i) => (
              <Table.Tr key={`${i.zoneId}-${i.start}`}>
                <Table.Td>
                  {i.buildingName} {i.floorName}
                </Table.Td>
                <Table.Td>
                  {i.zoneName}（{i.zoneCode}）
                </Table.Td>
                <Table.Td>{i.start}</Table.Td>
                <Table.Td>{i.end}</Table.Td>
                <Table.Td>{formatHours(i.minutes)}</Table.Td>
                <Table.Td>{formatYen(i.yen)}</Table.Td>
                <Table.Td>
                  {i.shares.map((sh) => (
                    <div key={sh.sectionId}>
                      {sh.sectionName} ¥{formatYen(sh.yen)}（No.{sh.requestNumbers.join(', No.')}）
                    </div>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Text fw={700}>{t('ac.operator.total', { yen: formatYen(s.totalYen) })}</Text>
          {s.sectionTotals.length > 0 && (
            <DataTable caption={t('ac.operator.sectionTotals')} columns={[t('ac.columns.section'), t('ac.operator.colMinutes'), t('ac.operator.colYen')]} minWidth={400} empty="" isEmpty={false}>
              {s.sectionTotals.map((st) => (
                <Table.Tr key={st.sectionId}>
                  <Table.Td>{st.sectionName}</Table.Td>
                  <Table.Td>{formatHours(st.minutes)}</Table.Td>
                  <Table.Td>{formatYen(st.yen)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </Stack>
  );
}
