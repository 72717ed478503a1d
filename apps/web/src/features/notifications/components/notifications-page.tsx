import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../../shared/components/coming-soon';

/** お知らせ: the in-app inbox and per-user delivery preferences will live here. */
export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <ComingSoon
      title={t('notifications.title')}
      lead={t('notifications.lead')}
      items={t('notifications.upcoming', { returnObjects: true }) as unknown as string[]}
    />
  );
}
