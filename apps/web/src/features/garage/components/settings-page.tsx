import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, Radio, Stack, Title } from '@mantine/core';
import type { GarageSettings } from '@rr/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import type { FieldErrors } from '../../../shared/forms/validate';
import { useDrivers } from '../../cars/api/cars.api';
import { useDetectors, useGarageSettings, useRecordCheck, useUpdateGarageSettings } from '../api/garage.api';
import { CheckFields, checkErrors, emptyCheck, toCheckBody, type CheckMessages, type CheckState } from './check-fields';
import { GarageNav } from './garage-nav';

function SettingsForm({ initial }: { initial: GarageSettings }) {
  const { t } = useTranslation();
  const save = useUpdateGarageSettings();
  const [value, setValue] = useState(initial);
  const [done, setDone] = useState(false);
  const num = (k: 'noShowMinutes' | 'lateReturnGraceMinutes' | 'damageBlockDays') => (v: string | number) => setValue({ ...value, [k]: Number(v) });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        const { weeklyInspectionDays: _unchanged, ...body } = value;
        save.mutate(body, { onSuccess: () => setDone(true) });
      }}
      noValidate
    >
      <Stack>
        <Title order={2} size="h3">
          {t('garage.settings.caption')}
        </Title>
        <ErrorAlert error={save.error} />
        {done && <SuccessNotice>{t('garage.settings.saved')}</SuccessNotice>}
        <NumberInput label={t('garage.settings.noShowMinutes')} value={value.noShowMinutes} onChange={num('noShowMinutes')} min={5} max={240} allowDecimal={false} />
        <Checkbox size="md" label={t('garage.settings.oneCheckPerDay')} checked={value.oneCheckPerDay} onChange={(e) => setValue({ ...value, oneCheckPerDay: e.currentTarget.checked })} />
        <NumberInput label={t('garage.settings.lateReturnGraceMinutes')} value={value.lateReturnGraceMinutes} onChange={num('lateReturnGraceMinutes')} min={0} max={240} allowDecimal={false} />
        <NumberInput label={t('garage.settings.damageBlockDays')} value={value.damageBlockDays} onChange={num('damageBlockDays')} min={1} max={90} allowDecimal={false} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('garage.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** 直行直帰 by phone or video, or the end-of-day check under 「1日1回」: a check without a handover. */
function StandaloneCheck() {
  const { t } = useTranslation();
  const detectors = useDetectors();
  const drivers = useDrivers({ filter: 'eligible', limit: 500, offset: 0 });
  const record = useRecordCheck();
  const [driverId, setDriverId] = useState('');
  const [phase, setPhase] = useState<'pre' | 'post'>('post');
  const [check, setCheck] = useState<CheckState | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState('');
  const current = check ?? { ...emptyCheck(detectors.data), method: 'remote' as const };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice('');
    const errs = checkErrors(current, detectors.data, t('garage.form.errors', { returnObjects: true }) as unknown as CheckMessages);
    if (!driverId) errs.driverId = t('validation.invalid');
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    record.mutate(
      { ...toCheckBody(current), phase, driverId },
      {
        onSuccess: (c) => {
          setNotice(t('garage.settings.recorded', { driver: c.driverName, result: c.fitToDrive ? t('garage.records.fit') : t('garage.records.notFit') }));
          setCheck(null);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t('garage.settings.standaloneTitle')}
        </Title>
        <ErrorAlert error={record.error ?? drivers.error} />
        {notice && <SuccessNotice>{notice}</SuccessNotice>}
        <NativeSelect
          label={t('garage.form.driver')}
          value={driverId}
          onChange={(e) => setDriverId(e.currentTarget.value)}
          error={errors.driverId}
          data={[{ value: '', label: t('common.choose') }, ...(drivers.data?.items ?? []).map((d) => ({ value: d.userId, label: `${d.displayName}（${d.sectionName}）` }))]}
          required
        />
        <Radio.Group label={t('garage.settings.phase')} value={phase} onChange={(v) => setPhase(v as 'pre' | 'post')}>
          <Group mt={4}>
            <Radio value="pre" label={t('garage.form.pre')} />
            <Radio value="post" label={t('garage.form.post')} />
          </Group>
        </Radio.Group>
        <CheckFields phase={phase} value={current} onChange={setCheck} detectors={detectors.data} errors={errors} />
        <Group justify="flex-end">
          <Button type="submit" size="lg" loading={record.isPending}>
            {t('garage.settings.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function GarageSettingsPage() {
  const { t } = useTranslation();
  const settings = useGarageSettings();
  return (
    <Stack>
      <PageHeader title={t('garage.settings.title')} />
      <GarageNav />
      <ErrorAlert error={settings.error} />
      <Paper withBorder p="md">
        {settings.data ? <SettingsForm initial={settings.data} /> : <LoadingState />}
      </Paper>
      <Paper withBorder p="md">
        <StandaloneCheck />
      </Paper>
    </Stack>
  );
}
