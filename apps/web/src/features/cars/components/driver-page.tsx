import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { upsertOwnDriverSchema, type DriverStatus } from '@rr/contracts';
import { useDriverMe, useSaveDriverMe } from '../api/cars.api';
import { expiryDateText } from './driver-banner';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate, formatDateTime } from '../../../shared/time/tokyo';

/** 「眼鏡等、AT限定」 → ['眼鏡等', 'AT限定'] (読点, comma or full-width comma). */
function splitConditions(text: string): string[] {
  return text
    .split(/[、,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function StatusPanel({ status }: { status: DriverStatus }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { eligibility, driver } = status;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="driver-status-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="driver-status-title">
          {t('cars.driver.statusTitle')}
        </Title>
        <Group gap="sm">
          <Badge size="xl" color={eligibility.eligible ? 'green' : 'red'} variant="light" className="car-badge">
            {eligibility.eligible ? t('cars.driver.eligible') : t('cars.driver.ineligible')}
          </Badge>
        </Group>
        {!eligibility.eligible && (
          <div>
            <Text fw={600} size="sm">
              {t('cars.driver.reasonsTitle')}
            </Text>
            <List size="sm">
              {eligibility.reasons.map((r) => (
                <List.Item key={r}>{t(`cars.reasons.${r}`)}</List.Item>
              ))}
            </List>
          </div>
        )}
        {eligibility.warning === 'licence_expiring' && (
          <Alert color="yellow" variant="light" role="note" title={t('cars.driverBanner.expiringTitle')}>
            {t('cars.driverBanner.expiring', { days: eligibility.daysUntilExpiry ?? 0, date: expiryDateText(eligibility, lang, driver?.licenceExpiresOn) })}
          </Alert>
        )}
        {driver && (
          <dl className="car-facts">
            <dt>{t('cars.driver.licenceExpiresOn')}</dt>
            <dd>
              {formatDate(driver.licenceExpiresOn, lang)}
              {eligibility.daysUntilExpiry !== null &&
                `（${eligibility.daysUntilExpiry >= 0 ? t('cars.driver.daysLeft', { days: eligibility.daysUntilExpiry }) : t('cars.driver.daysExpired', { days: -eligibility.daysUntilExpiry })}）`}
            </dd>
            <dt>{t('cars.driver.licenceNumber')}</dt>
            <dd>{driver.licenceNumber ?? '—'}</dd>
            <dt>{t('cars.driver.licenceConditions')}</dt>
            <dd>{driver.licenceConditions.length ? driver.licenceConditions.join('、') : t('cars.driver.noConditions')}</dd>
            <dt>{t('cars.driver.firstLicensedOn')}</dt>
            <dd>{driver.firstLicensedOn ? formatDate(driver.firstLicensedOn, lang) : '—'}</dd>
            <dt>{t('cars.driver.approval')}</dt>
            <dd>
              {driver.approved
                ? t('cars.driver.approvedAt', { date: formatDateTime(driver.approvedAt, lang), name: driver.approvedByName ?? '—' })
                : t('cars.driver.notApproved')}
            </dd>
          </dl>
        )}
      </Stack>
    </Paper>
  );
}

function DriverForm({ status, onSaved }: { status: DriverStatus; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const save = useSaveDriverMe();
  const d = status.driver;
  const [licenceNumber, setLicenceNumber] = useState(d?.licenceNumber ?? '');
  const [licenceExpiresOn, setLicenceExpiresOn] = useState(d?.licenceExpiresOn ?? '');
  const [conditions, setConditions] = useState(d?.licenceConditions.join('、') ?? '');
  const [firstLicensedOn, setFirstLicensedOn] = useState(d?.firstLicensedOn ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    onSaved('');
    const result = validateWith(
      upsertOwnDriverSchema,
      {
        licenceNumber: licenceNumber.trim() ? licenceNumber.trim() : null,
        licenceExpiresOn,
        licenceConditions: splitConditions(conditions),
        firstLicensedOn: firstLicensedOn || null,
      },
      {
        licenceNumber: t('cars.driver.errors.licenceNumber'),
        licenceExpiresOn: t('cars.driver.errors.licenceExpiresOn'),
        licenceConditions: t('cars.driver.errors.conditions'),
        firstLicensedOn: t('cars.driver.errors.firstLicensedOn'),
      },
      t('validation.invalid'),
    );
    if (result.errors) return setErrors(result.errors);
    setErrors({});
    save.mutate(result.data, {
      onSuccess: (next) => onSaved(next.eligibility.eligible ? t('cars.driver.savedEligible') : t('cars.driver.saved')),
    });
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="driver-form-title">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="driver-form-title">
            {status.registered ? t('cars.driver.formTitleRenew') : t('cars.driver.formTitleNew')}
          </Title>
          <Text size="sm">{t('cars.driver.formLead')}</Text>
          <ErrorAlert error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t('cars.driver.licenceExpiresOn')}
              required
              value={licenceExpiresOn}
              onChange={(e) => setLicenceExpiresOn(e.currentTarget.value)}
              error={errors.licenceExpiresOn}
              description={t('cars.driver.licenceExpiresOnHelp')}
            />
            <TextInput
              label={t('cars.driver.licenceNumber')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              value={licenceNumber}
              onChange={(e) => setLicenceNumber(e.currentTarget.value.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))}
              error={errors.licenceNumber}
              description={t('cars.driver.licenceNumberHelp')}
            />
            <TextInput
              label={t('cars.driver.licenceConditions')}
              value={conditions}
              onChange={(e) => setConditions(e.currentTarget.value)}
              error={errors.licenceConditions}
              description={t('cars.driver.licenceConditionsHelp')}
            />
            <TextInput
              type="date"
              label={t('cars.driver.firstLicensedOn')}
              value={firstLicensedOn}
              onChange={(e) => setFirstLicensedOn(e.currentTarget.value)}
              error={errors.firstLicensedOn}
              description={t('cars.driver.firstLicensedOnHelp')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {status.registered ? t('cars.driver.submitRenew') : t('cars.driver.submitNew')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** 運転者登録: own eligibility (or why not), the expiry warning, and the self-register/renew form. */
export function DriverPage() {
  const { t } = useTranslation();
  const me = useDriverMe();
  const [notice, setNotice] = useState('');
  return (
    <Stack>
      <PageHeader title={t('cars.driver.title')} description={t('cars.driver.lead')} />
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={me.error} />
      {me.isPending && <LoadingState />}
      {me.data && (
        <>
          <StatusPanel status={me.data} />
          <DriverForm key={me.data.registered ? 'renew' : 'new'} status={me.data} onSaved={setNotice} />
        </>
      )}
    </Stack>
  );
}
