import { Link, useParams } from 'react-router';
import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCheckInRoom, useRoom } from '../api/rooms.api';
import { roomLocation } from './badges';
import { formatRange } from '../lib/room-time';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';

/**
 * チェックイン from the room's QR code (/rooms/:roomId/check-in): one large button that checks the
 * signed-in user in to their booking of this room whose window is open now. A button, not an
 * automatic write on opening the page, so a preview or a stray scan changes nothing.
 */
export function RoomCheckInPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { roomId } = useParams();
  const room = useRoom(roomId);
  const checkIn = useCheckInRoom();
  const done = checkIn.data;

  return (
    <Stack maw={560}>
      <PageHeader title={t('rooms.checkIn.title')} description={room.data ? `${room.data.name}（${roomLocation(room.data, lang)}）` : undefined} />
      <ErrorAlert error={room.error} />
      {room.isPending && <LoadingState />}
      {room.data && !done && (
        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Text>{t('rooms.checkIn.lead')}</Text>
            <ErrorAlert error={checkIn.error} title={t('rooms.checkIn.failed')} />
            <Button size="xl" color="teal" loading={checkIn.isPending} onClick={() => roomId && checkIn.mutate(roomId)}>
              {t('rooms.checkIn.button')}
            </Button>
          </Stack>
        </Paper>
      )}
      {done && (
        <Alert color="green" variant="light" role="status" title={t('rooms.checkIn.doneTitle')}>
          <Text fw={700}>{done.title}</Text>
          <Text>{t('rooms.checkIn.success', { room: done.roomName, range: formatRange(done.startsAt, done.endsAt, lang) })}</Text>
        </Alert>
      )}
      <Anchor component={Link} to="/rooms/bookings" className="table-link" w="fit-content">
        {t('rooms.checkIn.toBookings')}
      </Anchor>
    </Stack>
  );
}
