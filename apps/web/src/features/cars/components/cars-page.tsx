import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../../shared/components/coming-soon';

/** 公用車: lottery entry, first-come booking, key handover and alcohol checks will live here. */
export function CarsPage() {
  const { t } = useTranslation();
  return (
    <ComingSoon
      title={t('cars.title')}
      lead={t('cars.lead')}
      items={t('cars.upcoming', { returnObjects: true }) as unknown as string[]}
    />
  );
}
