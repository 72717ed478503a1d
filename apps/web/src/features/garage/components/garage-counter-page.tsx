import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/page-header';

/** 車庫窓口: key handover with alcohol checks (built by the garage counter issue). */
export function GarageCounterPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('garage.title')} />
    </Stack>
  );
}
