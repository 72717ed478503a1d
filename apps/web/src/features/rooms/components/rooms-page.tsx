import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../../shared/components/coming-soon';

/** 会議室: search, calendar views and booking of meeting rooms and spaces will live here. */
export function RoomsPage() {
  const { t } = useTranslation();
  return (
    <ComingSoon
      title={t('rooms.title')}
      lead={t('rooms.lead')}
      items={t('rooms.upcoming', { returnObjects: true }) as unknown as string[]}
    />
  );
}
