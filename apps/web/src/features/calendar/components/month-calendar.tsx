import { Button, Group, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '@rr/contracts';
import { useCalendarDays } from '../api/calendar.api';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, addMonths, formatDate, formatMonth, lastDayOfMonth, todayInTokyo, weekdayNames, weekdayOf } from '../../../shared/time/tokyo';

/** Weeks (Sunday-first) covering a month; null for padding cells. */
function weeksOf(yearMonth: string): (string | null)[][] {
  const first = `${yearMonth}-01`;
  const last = lastDayOfMonth(yearMonth);
  const cells: (string | null)[] = Array.from({ length: weekdayOf(first) }, () => null);
  for (let d = first; d <= last; d = addDays(d, 1)) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** A month of 開庁日/閉庁日 from GET /api/calendar/days; colour is never the only cue. */
export function MonthCalendar({ month, onMonthChange }: { month: string; onMonthChange: (month: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const from = `${month}-01`;
  const to = lastDayOfMonth(month);
  const days = useCalendarDays(from, to);
  const byDate = new Map<string, CalendarDay>((days.data ?? []).map((d) => [d.date, d]));
  const today = todayInTokyo();
  const names = weekdayNames(lang);
  const headingId = `calendar-${month}`;

  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id={headingId} aria-live="polite">
          {formatMonth(month, lang)}
        </Title>
        <Group gap="xs">
          <Button variant="default" size="sm" onClick={() => onMonthChange(addMonths(month, -1))}>
            {t('calendar.prevMonth')}
          </Button>
          <Button variant="default" size="sm" onClick={() => onMonthChange(today.slice(0, 7))}>
            {t('calendar.thisMonth')}
          </Button>
          <Button variant="default" size="sm" onClick={() => onMonthChange(addMonths(month, 1))}>
            {t('calendar.nextMonth')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={days.error} />
      {days.isPending && <LoadingState />}
      {days.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table captionSide="top" withTableBorder withColumnBorders layout="fixed" className="month-calendar" aria-labelledby={headingId}>
            <Table.Thead>
              <Table.Tr>
                {names.map((n, i) => (
                  <Table.Th key={n} scope="col" className={i === 0 ? 'sun' : i === 6 ? 'sat' : undefined}>
                    {n}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weeksOf(month).map((week, wi) => (
                <Table.Tr key={wi}>
                  {week.map((date, di) => {
                    if (!date) return <Table.Td key={di} className="pad" />;
                    const info = byDate.get(date);
                    const closed = info ? !info.businessDay : false;
                    return (
                      <Table.Td
                        key={date}
                        className={`day ${closed ? 'closed' : 'open'} ${info?.closedReason?.code ?? ''}`}
                        aria-current={date === today ? 'date' : undefined}
                      >
                        <VisuallyHidden>
                          {`${formatDate(date, lang)} ${info ? (closed ? t('calendar.closed') : t('calendar.open')) : ''}${info?.closedReason ? ` ${info.closedReason.name}` : ''}`}
                        </VisuallyHidden>
                        <Text component="span" fw={700} className="day-number" aria-hidden>
                          {Number(date.slice(8))}
                        </Text>
                        <Text component="span" size="xs" className="day-status" aria-hidden>
                          {info ? (closed ? t('calendar.closed') : t('calendar.open')) : '—'}
                        </Text>
                        {info?.closedReason && info.closedReason.code !== 'weekend' && (
                          <Text component="span" size="xs" className="day-reason" aria-hidden>
                            {info.closedReason.name}
                          </Text>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" c="dimmed" mt="xs">
        {t('calendar.legend')}
      </Text>
    </section>
  );
}
