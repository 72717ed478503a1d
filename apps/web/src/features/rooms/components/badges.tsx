import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Room, RoomBookingStatusName } from '@rr/contracts';
import { EQUIPMENT, floorLabel } from '../lib/room-time';
import type { Lang } from '../../../shared/i18n/i18n';

const STATUS_COLOR: Record<RoomBookingStatusName, string> = { active: 'blue', cancelled: 'gray', released: 'orange' };

/** 予約状態 as a badge: the word is always shown, colour only repeats it. */
export function RoomBookingStatusBadge({ status }: { status: RoomBookingStatusName }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="lg" className="room-badge">
      {t(`rooms.status.${status}`)}
    </Badge>
  );
}

/** The room's equipment as words (設備なし when none). */
export function EquipmentBadges({ equipment }: { equipment: Room['equipment'] }) {
  const { t } = useTranslation();
  if (equipment.length === 0) return <span>{t('rooms.equipmentNone')}</span>;
  return (
    <Group gap={4}>
      {EQUIPMENT.filter((e) => equipment.includes(e)).map((e) => (
        <Badge key={e} color="gray" variant="outline" className="room-badge">
          {t(`rooms.equipment.${e}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** "本庁舎 3階" / "本庁舎 3F". */
export function roomLocation(room: Pick<Room, 'building' | 'floor'>, lang: Lang): string {
  return `${room.building} ${floorLabel(room.floor, lang)}`;
}

/** 繰り返し予約の一回. */
export function SeriesBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="violet" variant="light" className="room-badge">
      {t('rooms.series.badge')}
    </Badge>
  );
}
