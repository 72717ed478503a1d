import { useState } from 'react';
import { Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { updateCarBookingSettingsSchema, type CarBookingSettings } from '@rr/contracts';
import { useCarSettings, useUpdateCarSettings } from '../../api/cars.api';
import { quarterHours } from '../../lib/slots';
import { PageHeader } from '../../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { useLang } from '../../../../shared/hooks/use-lang';
import { formatDateTime } from '../../../../shared/time/tokyo';

const TIMES = quarterHours(0, 24 * 60);

function SettingsForm({ settings }: { settings: CarBookingSettings }) {
  const { t } = useTranslation();
  const lang = useLang();
  const update = useUpdateCarSettings();
  const [bookableFrom, setFrom] = useState(settings.bookableFrom);
  const [bookableUntil, setUntil] = useState(settings.bookableUntil);
  const [maxHours, setMaxHours] = useState<number | string>(settings.maxDurationMinutes / 60);
  const [horizonMonths, setHorizon] = useState<number | string>(settings.horizonMonths);
  const [expiryWarningDays, setWarning] = useState<number | string>(settings.expiryWarningDays);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState('');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice('');
    const local: FieldErrors = {};
    if (bookableUntil <= bookableFrom) local.bookableUntil = t('cars.admin.settings.errors.hours');
    const result = validateWith(
      updateCarBookingSettingsSchema,
      {
        bookableFrom,
        bookableUntil,
        maxDurationMinutes: Math.round(Number(maxHours) * 60),
        horizonMonths: Number(horizonMonths),
        expiryWarningDays: Number(expiryWarningDays),
      },
      {
        maxDurationMinutes: t('cars.admin.settings.errors.maxHours'),
        horizonMonths: t('cars.admin.settings.errors.horizon'),
        expiryWarningDays: t('cars.admin.settings.errors.warning'),
        bookableFrom: t('validation.invalid'),
        bookableUntil: t('validation.invalid'),
      },
      t('validation.invalid'),
    );
    const all = { ...(result.errors ?? {}), ...local };
    if (all.maxDurationMinutes) all.maxHours = all.maxDurationMinutes;
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;
    update.mutate(result.data, { onSuccess: () => setNotice(t('cars.admin.settings.saved')) });
  };

  const timeOptions = TIMES.map((v) => ({ value: v, label: v }));
  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack maw={640}>
          <SuccessNotice>{notice}</SuccessNotice>
          <ErrorAlert error={update.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label={t('cars.admin.settings.bookableFrom')} value={bookableFrom} onChange={(e) => setFrom(e.currentTarget.value)} data={timeOptions} error={errors.bookableFrom} />
            <NativeSelect label={t('cars.admin.settings.bookableUntil')} value={bookableUntil} onChange={(e) => setUntil(e.currentTarget.value)} data={timeOptions} error={errors.bookableUntil} />
          </SimpleGrid>
          <NumberInput
            hideControls
            label={t('cars.admin.settings.maxHours')}
            description={t('cars.admin.settings.maxHoursHelp')}
            min={0.25}
            max={744}
            step={0.25}
            decimalScale={2}
            value={maxHours}
            onChange={setMaxHours}
            error={errors.maxHours}
          />
          <NumberInput hideControls label={t('cars.admin.settings.horizonMonths')} description={t('cars.admin.settings.horizonHelp')} min={1} max={12} allowDecimal={false} value={horizonMonths} onChange={setHorizon} error={errors.horizonMonths} />
          <NumberInput hideControls label={t('cars.admin.settings.expiryWarningDays')} description={t('cars.admin.settings.expiryWarningHelp')} min={0} max={365} allowDecimal={false} value={expiryWarningDays} onChange={setWarning} error={errors.expiryWarningDays} />
          <Text size="sm" c="dimmed">
            {t('cars.admin.settings.updatedAt', { at: formatDateTime(settings.updatedAt, lang) })}
          </Text>
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** 設定: bookable hours, longest trip, how far ahead, and the licence-expiry warning period. */
export function AdminSettingsPage() {
  const { t } = useTranslation();
  const settings = useCarSettings();
  return (
    <Stack>
      <PageHeader title={t('cars.admin.settings.title')} description={t('cars.admin.settings.lead')} />
      <ErrorAlert error={settings.error} />
      {settings.isPending && <LoadingState />}
      {settings.data && <SettingsForm settings={settings.data} />}
    </Stack>
  );
}
