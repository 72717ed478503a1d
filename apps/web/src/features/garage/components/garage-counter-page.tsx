import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { BoardItem, BoardStateName } from '@rr/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { DataTable } from '../../../shared/components/data-table';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate, todayInTokyo } from '../../../shared/time/tokyo';
import { useBoard } from '../api/garage.api';
import { GarageNav } from './garage-nav';
import { CheckOutDialog, ReturnDialog } from './handover-dialogs';
import './garage.css';

const STATE_COLOURS: Record<BoardStateName, string> = {
  waiting: 'gray',
  late_pickup: 'yellow',
  out: 'blue',
  due_back: 'cyan',
  overdue: 'red',
  returned: 'green',
  no_show: 'dark',
  cancelled: 'dark',
};

const hhmm = (iso: string) => new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** 車庫窓口 for tablets: today's bookings → check-out dialog with the alcohol check → return form. */
export function GarageCounterPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [date, setDate] = useState(todayInTokyo());
  const board = useBoard(date);
  const [dialog, setDialog] = useState<{ kind: 'out' | 'return'; item: BoardItem } | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const items = board.data?.items ?? [];
  const countOf = (...states: BoardStateName[]) => items.filter((i) => states.includes(i.state)).length;

  return (
    <Stack>
      <PageHeader title={t('garage.title')} description={t('garage.description')} />
      <GarageNav />
      <Group align="flex-end">
        <TextInput type="date" label={t('garage.board.date')} value={date} onChange={(e) => setDate(e.currentTarget.value || todayInTokyo())} />
        <Button variant="default" size="md" onClick={() => void board.refetch()}>
          {t('garage.board.refresh')}
        </Button>
      </Group>
      <Text role="status" aria-live="polite">
        {t('garage.board.summary', { out: countOf('out'), due: countOf('due_back'), overdue: countOf('overdue'), waiting: countOf('waiting', 'late_pickup') })}
      </Text>
      {notice &&
        (notice.ok ? (
          <SuccessNotice>{notice.text}</SuccessNotice>
        ) : (
          <ErrorAlert error={new Error(notice.text)} title={t('garage.form.notFit')} />
        ))}
      <ErrorAlert error={board.error} />
      <DataTable
        caption={t('garage.board.caption', { date: formatDate(date, lang) })}
        columns={Object.values(t('garage.board.columns', { returnObjects: true }) as Record<string, string>)}
        minWidth={860}
        empty={t('garage.board.empty')}
        isEmpty={!board.isLoading && items.length === 0}
        busy={board.isFetching}
      >
        {items.map((item) => (
          <Table.Tr key={item.bookingId} data-booking={item.bookingId}>
            <Table.Td>
              <Text fw={600}>
                {hhmm(item.startsAt)}〜{hhmm(item.endsAt)}
              </Text>
              {(item.state === 'waiting' || item.state === 'late_pickup') && (
                <Text size="xs" c="dimmed">
                  {t('garage.board.noShowAt', { time: hhmm(item.noShowDueAt) })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text fw={600}>{item.plateNumber}</Text>
              <Text size="sm" c="dimmed">
                {item.className} {item.bay}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text>{item.driverName}</Text>
              <Text size="sm" c="dimmed">
                {item.sectionName}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text>{item.destination}</Text>
              <Text size="sm" c="dimmed">
                {item.purpose}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge size="lg" color={STATE_COLOURS[item.state]} variant="light">
                {t(`garage.state.${item.state}`)}
              </Badge>
              {item.blocked && (
                <Text size="sm" c="red" fw={600}>
                  {t('garage.board.blocked')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {item.bookingStatus === 'confirmed' && (
                <Button size="lg" onClick={() => setDialog({ kind: 'out', item })} aria-label={t('garage.board.checkOutFor', { plate: item.plateNumber })}>
                  {t('garage.board.checkOut')}
                </Button>
              )}
              {item.bookingStatus === 'in_use' && (
                <Button size="lg" color="teal" onClick={() => setDialog({ kind: 'return', item })} aria-label={t('garage.board.returnFor', { plate: item.plateNumber })}>
                  {t('garage.board.return')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {dialog?.kind === 'out' && (
        <CheckOutDialog
          item={dialog.item}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            setNotice(
              r.outcome === 'released'
                ? { ok: true, text: t('garage.result.released', { plate: dialog.item.plateNumber, driver: r.check.driverName }) }
                : { ok: false, text: t('garage.result.blocked', { driver: r.check.driverName, reading: r.check.readingMgL.toFixed(2) }) },
            );
          }}
        />
      )}
      {dialog?.kind === 'return' && (
        <ReturnDialog
          item={dialog.item}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            const parts = [t('garage.result.returned', { plate: dialog.item.plateNumber, km: r.log.distanceKm })];
            if (r.damage) parts.push(t('garage.result.damage', { moved: r.damage.moved.length, notified: r.damage.notified.length }));
            setNotice({ ok: true, text: parts.join(' ') });
          }}
        />
      )}
    </Stack>
  );
}
