import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime, formatMonth, todayInTokyo } from '../../../shared/time/tokyo';
import { useLedger } from '../api/garage.api';
import { GarageNav } from './garage-nav';
import { ChecksTable, LogsTable } from './records-tables';
import './garage.css';

/** The printable monthly ledger (月次台帳): the month's checks and driving logs. */
export function GarageLedgerPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [month, setMonth] = useState(todayInTokyo().slice(0, 7));
  const ledger = useLedger(month);
  return (
    <Stack className="garage-ledger">
      <PageHeader title={t('garage.ledger.title')} description={/^\d{4}-\d{2}$/.test(month) ? formatMonth(month, lang) : undefined} />
      <GarageNav />
      <Group align="flex-end" className="garage-no-print">
        <TextInput type="month" label={t('garage.ledger.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} />
        <Button size="md" onClick={() => window.print()}>
          {t('garage.ledger.print')}
        </Button>
      </Group>
      <ErrorAlert error={ledger.error} />
      {ledger.isLoading && <LoadingState />}
      {ledger.data && (
        <>
          <Text fw={600}>
            {t('garage.ledger.totals', { checks: ledger.data.totals.checks, detected: ledger.data.totals.alcoholDetected, trips: ledger.data.totals.trips, km: ledger.data.totals.distanceKm })}
          </Text>
          <ChecksTable checks={ledger.data.checks} caption={t('garage.records.checksCaption', { count: ledger.data.checks.length })} />
          <LogsTable logs={ledger.data.logs} caption={t('garage.records.logsCaption', { count: ledger.data.logs.length })} />
          <Text size="sm" c="dimmed">
            {t('garage.ledger.generated', { at: formatDateTime(ledger.data.generatedAt, lang) })} {t('garage.ledger.retention')}
          </Text>
        </>
      )}
    </Stack>
  );
}
