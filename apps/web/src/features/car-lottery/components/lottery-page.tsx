import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/page-header';

/** 抽選: apply with ranked options, results, confirmation (built by the car lottery issue). */
export function LotteryPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('lottery.title')} />
    </Stack>
  );
}
