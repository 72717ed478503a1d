import { Badge, Checkbox, Group, NativeSelect, NumberInput, Paper, Radio, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROOM_SERIES_MAX_OCCURRENCES, type RoomOccurrenceStatus, type RoomSeriesResult } from '@rr/contracts';
import { WEEKDAYS, occurrenceDates, type Recurrence, type Weekday } from '../lib/recurrence';
import { formatRange, tokyoTime } from '../lib/room-time';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate } from '../../../shared/time/tokyo';

const STATUS_COLOR: Record<RoomOccurrenceStatus, string> = {
  created: 'blue',
  updated: 'blue',
  cancelled: 'gray',
  unchanged: 'gray',
  conflict: 'red',
  blocked: 'orange',
  skipped_closed_day: 'yellow',
  lottery_period: 'grape',
};

/** 繰り返し: weekly (or every n weeks) on chosen weekdays, until a date or for a number of times. */
export function RecurrenceFields({
  firstDate,
  value,
  onChange,
  skipClosedDays,
  onSkipClosedDays,
  error,
}: {
  firstDate: string;
  value: Recurrence;
  onChange: (r: Recurrence) => void;
  skipClosedDays: boolean;
  onSkipClosedDays: (v: boolean) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const set = <K extends keyof Recurrence>(key: K, v: Recurrence[K]) => onChange({ ...value, [key]: v });
  const dates = firstDate ? occurrenceDates(firstDate, value, ROOM_SERIES_MAX_OCCURRENCES + 1) : [];
  const preview = dates.slice(0, 6).map((d) => formatDate(d, lang)).join('、');

  return (
    <Paper withBorder p="md" radius="md" component="fieldset" aria-describedby="recurrence-help">
      <Text component="legend" fw={700} px={4}>
        {t('rooms.series.legend')}
      </Text>
      <Stack gap="sm">
        <Text size="sm" c="dimmed" id="recurrence-help">
          {t('rooms.series.help', { max: ROOM_SERIES_MAX_OCCURRENCES })}
        </Text>
        <NativeSelect
          label={t('rooms.series.interval')}
          value={String(value.interval)}
          onChange={(e) => set('interval', Number(e.currentTarget.value))}
          data={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(n === 1 ? 'rooms.series.everyWeek' : 'rooms.series.everyNWeeks', { n }) }))}
          w={220}
        />
        <Checkbox.Group label={t('rooms.series.days')} value={value.days} onChange={(v) => set('days', v as Weekday[])} error={error === 'days' ? t('rooms.series.errors.days') : undefined}>
          <Group gap="md" mt={4} className="room-equipment">
            {WEEKDAYS.map((d) => (
              <Checkbox key={d} size="md" value={d} label={t(`rooms.series.weekday.${d}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Radio.Group label={t('rooms.series.end')} value={value.end} onChange={(v) => set('end', v as Recurrence['end'])} className="room-radio">
          <Group gap="lg" mt={4}>
            <Radio size="md" value="count" label={t('rooms.series.endCount')} />
            <Radio size="md" value="until" label={t('rooms.series.endUntil')} />
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          {value.end === 'count' ? (
            <NumberInput
              hideControls
              label={t('rooms.series.count')}
              min={1}
              max={ROOM_SERIES_MAX_OCCURRENCES}
              allowDecimal={false}
              allowNegative={false}
              value={value.count}
              onChange={(v) => set('count', Number(v) || 0)}
              error={error === 'count' ? t('rooms.series.errors.count', { max: ROOM_SERIES_MAX_OCCURRENCES }) : undefined}
            />
          ) : (
            <TextInput
              type="date"
              label={t('rooms.series.until')}
              min={firstDate}
              value={value.until}
              onChange={(e) => set('until', e.currentTarget.value)}
              error={error === 'until' ? t('rooms.series.errors.until') : undefined}
            />
          )}
        </SimpleGrid>
        <Checkbox size="md" label={t('rooms.series.skipClosedDays')} description={t('rooms.series.skipClosedDaysHelp')} checked={skipClosedDays} onChange={(e) => onSkipClosedDays(e.currentTarget.checked)} />
        {error === 'tooMany' && (
          <Text c="red.9" fw={600} role="alert">
            {t('rooms.series.errors.tooMany', { max: ROOM_SERIES_MAX_OCCURRENCES })}
          </Text>
        )}
        {dates.length > 0 && (
          <Text size="sm" aria-live="polite">
            {t('rooms.series.preview', { count: Math.min(dates.length, ROOM_SERIES_MAX_OCCURRENCES), dates: preview })}
            {dates.length > 6 && ' …'}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** 繰り返し予約の結果: what was created and, for every other occurrence, why not (never silently dropped). */
export function SeriesReport({ result, titleKey = 'rooms.series.resultTitle' }: { result: RoomSeriesResult; titleKey?: 'rooms.series.resultTitle' | 'rooms.series.changeResultTitle' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const count = (s: RoomOccurrenceStatus) => result.counts[s] ?? result.occurrences.filter((o) => o.status === s).length;
  const problems = count('conflict') + count('blocked');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="series-result" role="status">
      <Stack gap="sm">
        <Title order={2} size="h3" id="series-result">
          {t(titleKey, { room: result.series.roomName, title: result.series.title })}
        </Title>
        <Text fw={600}>
          {t('rooms.series.summary', {
            done: count('created') + count('updated') + count('cancelled'),
            conflict: count('conflict'),
            blocked: count('blocked'),
            skipped: count('skipped_closed_day'),
          })}
        </Text>
        {problems > 0 && <Text size="sm">{t('rooms.series.problemsHelp')}</Text>}
        <Table.ScrollContainer minWidth={640}>
          <Table captionSide="top" striped verticalSpacing="xs">
            <Table.Caption>{t('rooms.series.caption', { count: result.occurrences.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('rooms.bookings.when')}</Table.Th>
                <Table.Th scope="col">{t('rooms.series.outcome')}</Table.Th>
                <Table.Th scope="col">{t('rooms.series.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.occurrences.map((o) => (
                <Table.Tr key={`${o.date}-${o.startsAt}`}>
                  <Table.Th scope="row" fw={500} className="nowrap">
                    {formatRange(o.startsAt, o.endsAt, lang)}
                  </Table.Th>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[o.status]} variant="light" className="room-badge">
                      {t(`rooms.series.status.${o.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {o.conflictWith && (
                      <Text size="sm">
                        {t('rooms.series.conflictWith', {
                          title: o.conflictWith.title,
                          organiser: o.conflictWith.organiserName,
                          range: `${tokyoTime(o.conflictWith.startsAt)}〜${tokyoTime(o.conflictWith.endsAt)}`,
                        })}
                      </Text>
                    )}
                    {o.closedReason && <Text size="sm">{o.closedReason}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
