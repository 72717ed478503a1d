import { Badge, Button, Table, Text } from '@mantine/core';
import type { AlcoholCheck, DrivingLog } from '@rr/contracts';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../shared/components/data-table';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime } from '../../../shared/time/tokyo';
import type { garageJa } from '../../../shared/i18n/messages/garage';

type Column = keyof typeof garageJa.records.columns;

/** The 訂正 markers of a record: a correcting row shows its reason, a replaced row says so. */
function CorrectionMarks({ correctsId, correctionReason, superseded }: { correctsId: string | null; correctionReason: string | null; superseded: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {correctsId && (
        <>
          <Badge ml={4} size="xs" variant="outline">
            {t('garage.records.corrected')}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('garage.records.correctionReason', { reason: correctionReason ?? '' })}
          </Text>
        </>
      )}
      {superseded && (
        <Badge ml={4} size="xs" color="gray" title={t('garage.records.correctedBy')}>
          {t('garage.records.superseded')}
        </Badge>
      )}
    </>
  );
}

/** The 訂正 button of a current (not yet corrected) record; superseded rows are corrected through their latest version. */
function CorrectCell({ superseded, label, onClick }: { superseded: boolean; label: string; onClick: () => void }) {
  const { t } = useTranslation();
  return <Table.Td>{!superseded && <Button size="sm" variant="light" onClick={onClick} aria-label={label}>{t('garage.records.correct')}</Button>}</Table.Td>;
}

/** 酒気帯び確認記録: one row per check with the legal items; `onCorrect` adds the 訂正 action. */
export function ChecksTable({ checks, caption, onCorrect }: { checks: AlcoholCheck[]; caption: string; onCorrect?: (check: AlcoholCheck) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const c = (k: Column) => t(`garage.records.columns.${k}`);
  return (
    <DataTable
      caption={caption}
      columns={[
        c('checkedAt'),
        c('phase'),
        c('driver'),
        c('checker'),
        c('plate'),
        c('method'),
        c('detector'),
        c('reading'),
        c('result'),
        c('fit'),
        c('instructions'),
        ...(onCorrect ? [t('common.actions')] : []),
      ]}
      minWidth={1100}
      empty={t('garage.records.empty')}
      isEmpty={checks.length === 0}
    >
      {checks.map((k) => (
        <Table.Tr key={k.id}>
          <Table.Td>
            {formatDateTime(k.checkedAt, lang)}
            <CorrectionMarks {...k} />
          </Table.Td>
          <Table.Td>{t(`garage.form.${k.phase}`)}</Table.Td>
          <Table.Td>{k.driverName}</Table.Td>
          <Table.Td>{k.checkerName}</Table.Td>
          <Table.Td>{k.plateNumber}</Table.Td>
          <Table.Td>{k.method === 'face_to_face' ? t('garage.form.faceToFace') : `${t('garage.form.remote')}: ${k.remoteMeans}`}</Table.Td>
          <Table.Td>{k.detectorSerial}</Table.Td>
          <Table.Td>{k.readingMgL.toFixed(2)} mg/L</Table.Td>
          <Table.Td>
            <Text c={k.alcoholDetected ? 'red' : undefined} fw={k.alcoholDetected ? 700 : undefined}>
              {k.alcoholDetected ? t('garage.records.yes') : t('garage.records.no')}
            </Text>
          </Table.Td>
          <Table.Td>{k.fitToDrive ? t('garage.records.fit') : t('garage.records.notFit')}</Table.Td>
          <Table.Td>{k.instructions}</Table.Td>
          {onCorrect && (
            <CorrectCell superseded={k.superseded} label={t('garage.records.correctCheck', { driver: k.driverName, at: formatDateTime(k.checkedAt, lang) })} onClick={() => onCorrect(k)} />
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** 運転日誌: one row per trip; `onCorrect` adds the 訂正 action. */
export function LogsTable({ logs, caption, onCorrect }: { logs: DrivingLog[]; caption: string; onCorrect?: (log: DrivingLog) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const c = (k: Column) => t(`garage.records.columns.${k}`);
  return (
    <DataTable
      caption={caption}
      columns={[
        c('departed'),
        c('returned'),
        c('plate'),
        c('driver'),
        c('destination'),
        c('purpose'),
        c('odometer'),
        c('distance'),
        c('fuel'),
        c('defects'),
        ...(onCorrect ? [t('common.actions')] : []),
      ]}
      minWidth={1100}
      empty={t('garage.records.empty')}
      isEmpty={logs.length === 0}
    >
      {logs.map((l) => (
        <Table.Tr key={l.id}>
          <Table.Td>
            {formatDateTime(l.departedAt, lang)}
            <CorrectionMarks {...l} />
          </Table.Td>
          <Table.Td>{formatDateTime(l.returnedAt, lang)}</Table.Td>
          <Table.Td>{l.plateNumber}</Table.Td>
          <Table.Td>{l.driverName}</Table.Td>
          <Table.Td>{l.destination}</Table.Td>
          <Table.Td>{l.purpose}</Table.Td>
          <Table.Td>
            {l.odometerStart}〜{l.odometerEnd} km
          </Table.Td>
          <Table.Td>{l.distanceKm} km</Table.Td>
          <Table.Td>{l.fuelLitres !== null ? `${l.fuelLitres} L` : ''}</Table.Td>
          <Table.Td>{l.defects}</Table.Td>
          {onCorrect && (
            <CorrectCell superseded={l.superseded} label={t('garage.records.correctLog', { plate: l.plateNumber, at: formatDateTime(l.departedAt, lang) })} onClick={() => onCorrect(l)} />
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
