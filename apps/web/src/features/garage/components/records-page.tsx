import { Anchor, Checkbox, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import type { AlcoholCheck, DrivingLog } from '@rr/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { PageHeader } from '../../../shared/components/page-header';
import { addDays, todayInTokyo } from '../../../shared/time/tokyo';
import { useCars } from '../../cars/api/cars.api';
import { recordsCsvUrl, useRecords, type RecordsFilter } from '../api/garage.api';
import { CorrectCheckDialog, CorrectLogDialog } from './correction-dialogs';
import { GarageNav } from './garage-nav';
import { ChecksTable, LogsTable } from './records-tables';

/** The safe-driving manager's records search with CSV export (UTF-8 with BOM, for Excel). */
export function GarageRecordsPage() {
  const { t } = useTranslation();
  const today = todayInTokyo();
  const [from, setFrom] = useState(addDays(today, -7));
  const [to, setTo] = useState(today);
  const [carId, setCarId] = useState('');
  const [history, setHistory] = useState(false);
  const [correcting, setCorrecting] = useState<{ check: AlcoholCheck } | { log: DrivingLog } | null>(null);
  const [notice, setNotice] = useState('');
  // After a correction the list shows the history, so the replaced row and its correction are both visible.
  const corrected = () => {
    setCorrecting(null);
    setHistory(true);
    setNotice(t('garage.records.correctionSaved'));
  };
  const cars = useCars({ status: 'all' });
  const filter: RecordsFilter = { from, to, carId: carId || undefined, history };
  const records = useRecords(filter);
  return (
    <Stack>
      <PageHeader title={t('garage.records.title')} />
      <GarageNav />
      <Group align="flex-end" wrap="wrap">
        <TextInput type="date" label={t('garage.records.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('garage.records.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <NativeSelect
          label={t('garage.records.car')}
          value={carId}
          onChange={(e) => setCarId(e.currentTarget.value)}
          data={[{ value: '', label: t('garage.records.anyCar') }, ...(cars.data ?? []).map((c) => ({ value: c.id, label: c.plateNumber }))]}
        />
        <Checkbox size="md" label={t('garage.records.history')} checked={history} onChange={(e) => setHistory(e.currentTarget.checked)} />
      </Group>
      <Group>
        <Anchor href={recordsCsvUrl(filter, 'checks')} download className="touch-target">
          {t('garage.records.csvChecks')}
        </Anchor>
        <Anchor href={recordsCsvUrl(filter, 'logs')} download className="touch-target">
          {t('garage.records.csvLogs')}
        </Anchor>
      </Group>
      <ErrorAlert error={records.error} />
      <SuccessNotice>{notice}</SuccessNotice>
      <ChecksTable
        checks={records.data?.checks ?? []}
        caption={t('garage.records.checksCaption', { count: records.data?.checks.length ?? 0 })}
        onCorrect={(check) => setCorrecting({ check })}
      />
      <LogsTable logs={records.data?.logs ?? []} caption={t('garage.records.logsCaption', { count: records.data?.logs.length ?? 0 })} onCorrect={(log) => setCorrecting({ log })} />
      {correcting && 'check' in correcting && <CorrectCheckDialog check={correcting.check} onClose={() => setCorrecting(null)} onDone={corrected} />}
      {correcting && 'log' in correcting && <CorrectLogDialog log={correcting.log} onClose={() => setCorrecting(null)} onDone={corrected} />}
    </Stack>
  );
}
