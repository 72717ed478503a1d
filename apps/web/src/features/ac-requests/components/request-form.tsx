import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, CloseButton, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { AC_REASON_CODES, type AcEstimateInput, type AcReasonCode, type AcRequestDetail, type AcRequestInputDto, type AcZoneDto } from '@rr/contracts';
import { useAcEstimate, useAcZones } from '../api/ac.api';
import { AC_TIME_OPTIONS, formatHours, formatYen } from '../lib/ac-format';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, formatDate, formatDateTime, todayInTokyo } from '../../../shared/time/tokyo';

export interface AcDraft {
  dates: string[];
  zoneIds: string[];
  start: string;
  end: string;
  headcount: number;
  reasonCategory: AcReasonCode;
  reasonText: string;
  contact: string;
}

export function draftFromRequest(r: AcRequestDetail): AcDraft {
  return { dates: r.dates, zoneIds: r.zones.map((z) => z.id), start: r.start, end: r.end, headcount: r.headcount, reasonCategory: r.reasonCategory, reasonText: r.reasonText, contact: r.contact };
}

/** Zones grouped under "building floor" headings, in the API's order. */
function groupZones(zones: AcZoneDto[]): Array<{ label: string; zones: AcZoneDto[] }> {
  const groups: Array<{ label: string; zones: AcZoneDto[] }> = [];
  for (const z of zones) {
    const label = `${z.buildingName} ${z.floorName}`;
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.zones.push(z);
    else groups.push({ label, zones: [z] });
  }
  return groups;
}

/**
 * 空調延長申請 form: dates (one by one or weekly), zones, the time range on the 30-minute grid,
 * headcount, reason and contact; the estimated cost and the deadline are recomputed live by the API
 * (the same rules that decide on submission).
 */
export function AcRequestForm({ initial, submitLabel, busy, error, onSubmit }: { initial: AcDraft; submitLabel: string; busy: boolean; error: unknown; onSubmit: (body: AcRequestInputDto) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const zones = useAcZones();
  const [draft, setDraft] = useState<AcDraft>(initial);
  const [dateToAdd, setDateToAdd] = useState(initial.dates.length ? '' : addDays(todayInTokyo(), 1));
  const [weeks, setWeeks] = useState<number | string>(4);
  const set = <K extends keyof AcDraft>(key: K, value: AcDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const addDates = (dates: string[]) => set('dates', [...new Set([...draft.dates, ...dates.filter(Boolean)])].sort());

  const estimateInput: AcEstimateInput | null = useMemo(
    () => (draft.dates.length && draft.zoneIds.length ? { dates: draft.dates, zoneIds: draft.zoneIds, start: draft.start, end: draft.end, reasonCategory: draft.reasonCategory } : null),
    [draft.dates, draft.zoneIds, draft.start, draft.end, draft.reasonCategory],
  );
  const [debounced] = useDebouncedValue(estimateInput, 250);
  const estimate = useAcEstimate(debounced);
  const zoneName = new Map((zones.data ?? []).map((z) => [z.id, z.name]));
  const groups = groupZones(zones.data ?? []);

  if (zones.isPending) return <LoadingState />;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ ...draft, headcount: Number(draft.headcount) });
      }}
    >
      <Stack gap="md">
        <ErrorAlert error={zones.error} />
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Title order={2} size="h4" id="ac-dates-label">
              {t('ac.form.dates')}
            </Title>
            {draft.dates.length === 0 && <Text c="dimmed">{t('ac.form.noDates')}</Text>}
            <Group gap="xs" role="list" aria-labelledby="ac-dates-label">
              {draft.dates.map((d) => (
                <Group key={d} gap={4} role="listitem" className="ac-date-chip">
                  <Text size="sm">{formatDate(d, lang)}</Text>
                  <CloseButton size="sm" aria-label={t('ac.form.removeDate', { date: d })} onClick={() => set('dates', draft.dates.filter((x) => x !== d))} />
                </Group>
              ))}
            </Group>
            <Group align="flex-end" wrap="wrap">
              <TextInput type="date" label={t('ac.form.dateToAdd')} value={dateToAdd} onChange={(e) => setDateToAdd(e.currentTarget.value)} />
              <Button variant="light" onClick={() => addDates([dateToAdd])} disabled={!dateToAdd}>
                {t('ac.form.addDate')}
              </Button>
              <NumberInput label={t('ac.form.weekly')} min={1} max={26} value={weeks} onChange={setWeeks} w={160} />
              <Button variant="light" disabled={!dateToAdd} onClick={() => addDates(Array.from({ length: Number(weeks) || 1 }, (_, i) => addDays(dateToAdd, 7 * i)))}>
                {t('ac.form.addWeekly')}
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Checkbox.Group label={t('ac.form.zones')} value={draft.zoneIds} onChange={(v) => set('zoneIds', v)}>
          <Stack gap="xs" mt="xs">
            {groups.map((g) => (
              <div key={g.label}>
                <Text size="sm" fw={600}>
                  {g.label}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  {g.zones.map((z) => (
                    <Checkbox key={z.id} value={z.id} label={`${z.name}（${z.code}）`} />
                  ))}
                </SimpleGrid>
              </div>
            ))}
          </Stack>
        </Checkbox.Group>

        <Group grow align="flex-start">
          <NativeSelect label={t('ac.form.start')} data={AC_TIME_OPTIONS} value={draft.start} onChange={(e) => set('start', e.currentTarget.value)} description={t('ac.form.timeHelp')} />
          <NativeSelect label={t('ac.form.end')} data={AC_TIME_OPTIONS} value={draft.end} onChange={(e) => set('end', e.currentTarget.value)} />
        </Group>

        <EstimatePanel estimate={estimate.data} error={estimate.error} ready={debounced !== null} zoneName={zoneName} />

        <Group grow align="flex-start">
          <NumberInput label={t('ac.form.headcount')} min={1} max={9999} required value={draft.headcount} onChange={(v) => set('headcount', Number(v) || 0)} />
          <NativeSelect
            label={t('ac.form.reasonCategory')}
            required
            data={AC_REASON_CODES.map((c) => ({ value: c, label: t(`ac.reasons.${c}`) }))}
            value={draft.reasonCategory}
            onChange={(e) => set('reasonCategory', e.currentTarget.value as AcReasonCode)}
          />
        </Group>
        <Textarea label={t('ac.form.reasonText')} description={t('ac.form.reasonHelp')} required maxLength={500} autosize minRows={2} value={draft.reasonText} onChange={(e) => set('reasonText', e.currentTarget.value)} />
        <TextInput label={t('ac.form.contact')} required maxLength={200} value={draft.contact} onChange={(e) => set('contact', e.currentTarget.value)} />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EstimatePanel({ estimate, error, ready, zoneName }: { estimate: ReturnType<typeof useAcEstimate>['data']; error: unknown; ready: boolean; zoneName: Map<string, string> }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!ready) return <Text c="dimmed">{t('ac.form.fillToEstimate')}</Text>;
  if (error) return <ErrorAlert error={error} />;
  if (!estimate) return <LoadingState />;
  return (
    <Paper withBorder p="md" aria-live="polite">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('ac.form.estimate')}
        </Title>
        <Text size="xl" fw={700} data-testid="ac-estimate-total">
          {t('ac.form.total', { hours: formatHours(estimate.totalMinutes), yen: formatYen(estimate.totalYen) })}
        </Text>
        <Text>{t('ac.form.deadline', { deadline: formatDateTime(estimate.deadline, lang) })}</Text>
        {estimate.pastDeadline && (
          <Alert color={estimate.acceptable ? 'yellow' : 'red'} variant="light">
            {t('ac.form.pastDeadline', { reasons: estimate.urgentReasons.map((r) => t(`ac.reasons.${r}`)).join('・') })}
            {!estimate.acceptable && <Text size="sm">{t('ac.form.notAcceptable')}</Text>}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={560}>
          <Table captionSide="top" striped>
            <Table.Caption>{t('ac.form.estimateCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {(['colDate', 'colZone', 'colSegments', 'colHours', 'colRate', 'colYen'] as const).map((k) => (
                  <Table.Th scope="col" key={k}>
                    {t(`ac.form.${k}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {estimate.lines.map((l) => (
                <Table.Tr key={`${l.date}-${l.zoneId}`}>
                  <Table.Td>
                    {formatDate(l.date, lang)}（{t(`ac.dayType.${l.dayType}`)}）
                  </Table.Td>
                  <Table.Td>{zoneName.get(l.zoneId) ?? l.zoneName}</Table.Td>
                  <Table.Td>{l.segments.map((s) => `${s.start}–${s.end}`).join(', ')}</Table.Td>
                  <Table.Td>{formatHours(l.minutes)}</Table.Td>
                  <Table.Td>{formatYen(l.yenPerHour)}</Table.Td>
                  <Table.Td>{formatYen(l.yen)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
