import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Button, Checkbox, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { updateLotterySettingsSchema, type LotteryCyclePoint, type LotterySettings, type UpdateLotterySettings } from '@rr/contracts';
import { useLotterySettings, useUpdateLotterySettings } from '../../api/lottery.api';
import { useCarPools } from '../../../cars/api/cars.api';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { PageHeader } from '../../../../shared/components/page-header';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { formatDateTime } from '../../../../shared/time/tokyo';
import { useLang } from '../../../../shared/hooks/use-lang';
import '../lottery.css';

const POINTS = ['opens', 'closes', 'draw', 'confirmBy', 'firstCome'] as const;
const NUMBERS = ['periodOffsetDays', 'periodDays', 'perUserCap', 'perSectionCap', 'reminderMinutesBefore', 'createAheadDays'] as const;
const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;
type PointKey = (typeof POINTS)[number];
type NumberKey = (typeof NUMBERS)[number];

interface Draft {
  enabled: boolean;
  points: Record<PointKey, { day: number | string; time: string }>;
  numbers: Record<NumberKey, number | string>;
}

function draftOf(s: LotterySettings): Draft {
  return {
    enabled: s.enabled,
    points: Object.fromEntries(POINTS.map((k) => [k, { day: s[k].day, time: s[k].time }])) as Draft['points'],
    numbers: Object.fromEntries(NUMBERS.map((k) => [k, s[k]])) as Draft['numbers'],
  };
}

const samePoint = (a: LotteryCyclePoint, b: LotteryCyclePoint) => a.day === b.day && a.time === b.time;

/** 抽選の設定値 of one pool: the weekly cycle, the target period, caps, reminder, automatic rounds. */
export function AdminPoolSettingsPage() {
  const { poolId } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const pools = useCarPools();
  const settings = useLotterySettings(poolId);
  const save = useUpdateLotterySettings(poolId ?? '');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState('');
  const pool = pools.data?.find((p) => p.id === poolId);

  useEffect(() => {
    if (settings.data && !draft) setDraft(draftOf(settings.data));
  }, [settings.data, draft]);

  if (settings.isPending) return <LoadingState />;
  if (!settings.data || !draft) return <ErrorAlert error={settings.error} />;
  const current = settings.data;
  const weekday = (day: number | string): string => (typeof day === 'number' && day >= 0 ? t(`lottery.settings.weekday.${WEEKDAYS[day % 7]}`) : '');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice('');
    const patch: Record<string, unknown> = {};
    if (draft.enabled !== current.enabled) patch.enabled = draft.enabled;
    for (const k of POINTS) {
      const p = { day: Number(draft.points[k].day), time: draft.points[k].time };
      if (!samePoint(p, current[k])) patch[k] = p;
    }
    for (const k of NUMBERS) {
      // A cleared field keeps the current value.
      if (draft.numbers[k] === '') continue;
      const v = Number(draft.numbers[k]);
      if (v !== current[k]) patch[k] = v;
    }
    const result = validateWith(updateLotterySettingsSchema, patch, {}, t('validation.invalid'));
    setErrors(result.errors ?? {});
    if (!result.data) return;
    if (Object.keys(result.data).length === 0) return setNotice(t('lottery.settings.unchanged'));
    save.mutate(result.data as UpdateLotterySettings, {
      onSuccess: (s) => {
        setDraft(draftOf(s));
        setNotice(t('lottery.settings.saved'));
      },
    });
  };

  return (
    <Stack>
      <PageHeader title={t('lottery.settings.title')} description={t('lottery.settings.lead', { pool: pool?.name ?? '' })} />
      <Anchor component={Link} to="/cars/admin/lottery">
        {t('lottery.admin.backToRounds')}
      </Anchor>
      <SuccessNotice>{notice}</SuccessNotice>
      <form onSubmit={submit} noValidate aria-label={t('lottery.settings.title')}>
        <Stack maw={860}>
          <ErrorAlert error={save.error} title={t('lottery.settings.failed')} />
          <Checkbox
            size="md"
            label={t('lottery.settings.enabled')}
            description={t('lottery.settings.enabledHelp')}
            checked={draft.enabled}
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              setDraft((d) => d && { ...d, enabled });
            }}
          />
          <Paper withBorder p="md" radius="md" component="fieldset" className="lottery-option-fieldset">
            <legend>{t('lottery.settings.cycle')}</legend>
            <Text size="sm" mb="sm">
              {t('lottery.settings.cycleHelp')}
            </Text>
            <Stack gap="sm">
              {POINTS.map((k) => (
                <SimpleGrid key={k} cols={{ base: 1, sm: 3 }} verticalSpacing="xs">
                  <Title order={3} size="h5" mt={{ base: 0, sm: 'xl' }}>
                    {t(`lottery.settings.points.${k}`)}
                  </Title>
                  <NumberInput
                    label={t('lottery.settings.day')}
                    description={weekday(draft.points[k].day)}
                    min={0}
                    max={27}
                    allowDecimal={false}
                    value={draft.points[k].day}
                    onChange={(v) => setDraft((d) => d && { ...d, points: { ...d.points, [k]: { ...d.points[k], day: v } } })}
                    error={errors[k]}
                  />
                  <TextInput
                    type="time"
                    label={t('lottery.settings.time')}
                    step={900}
                    value={draft.points[k].time}
                    onChange={(e) => {
                      const time = e.currentTarget.value;
                      setDraft((d) => d && { ...d, points: { ...d.points, [k]: { ...d.points[k], time } } });
                    }}
                  />
                </SimpleGrid>
              ))}
            </Stack>
          </Paper>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {NUMBERS.map((k) => (
              <NumberInput
                key={k}
                label={t(`lottery.settings.numbers.${k}`)}
                description={t(`lottery.settings.numbersHelp.${k}`)}
                allowDecimal={false}
                min={0}
                value={draft.numbers[k]}
                onChange={(v) => setDraft((d) => d && { ...d, numbers: { ...d.numbers, [k]: v } })}
                error={errors[k]}
              />
            ))}
          </SimpleGrid>
          {current.updatedAt && (
            <Text size="sm" c="dimmed">
              {t('lottery.settings.updatedAt', { at: formatDateTime(current.updatedAt, lang) })}
            </Text>
          )}
          <Group>
            <Button type="submit" size="md" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
