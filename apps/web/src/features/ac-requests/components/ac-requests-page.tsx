import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../../shared/components/coming-soon';

/** 空調延長: after-hours AC requests, approvals (incl. 代決) and cost reports will live here. */
export function AcRequestsPage() {
  const { t } = useTranslation();
  return (
    <ComingSoon title={t('ac.title')} lead={t('ac.lead')} items={t('ac.upcoming', { returnObjects: true }) as unknown as string[]} />
  );
}
