import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CarBookingStatusName, CarClass } from '@rr/contracts';
import type { Lang } from '../../../shared/i18n/i18n';

const STATUS_COLOR: Record<CarBookingStatusName, string> = {
  provisional: 'yellow',
  confirmed: 'blue',
  in_use: 'teal',
  completed: 'gray',
  cancelled: 'gray',
  released: 'orange',
  no_show: 'red',
};

/** 予約状態 as a badge: the word is always shown, colour only repeats it. */
export function BookingStatusBadge({ status }: { status: CarBookingStatusName }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="lg" className="car-badge">
      {t(`cars.status.${status}`)}
    </Badge>
  );
}

export function NeedsReassignmentBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="light" size="lg" className="car-badge">
      {t('cars.bookings.needsReassignment')}
    </Badge>
  );
}

/** 車種 name in the UI language (the API's class rows carry both). */
export function className(classes: CarClass[] | undefined, code: string, fallback: string, lang: Lang): string {
  const c = classes?.find((x) => x.code === code);
  if (!c) return fallback;
  return lang === 'en' ? c.nameEn : c.nameJa;
}
