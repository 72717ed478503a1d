import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { useRoom } from '../../api/rooms.api';
import { roomLocation } from '../badges';
import { ErrorAlert } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { usePageTitle } from '../../../../shared/hooks/use-page-title';
import { useLang } from '../../../../shared/hooks/use-lang';

/** The URL a room's QR code opens: the check-in page of this web app. */
export function checkInUrl(roomId: string, origin = window.location.origin): string {
  return `${origin}/rooms/${roomId}/check-in`;
}

/** 掲示用QRコード: a printable sheet for the room's door that links to its check-in page. */
export function RoomQrPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id } = useParams();
  const room = useRoom(id);
  const [image, setImage] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  const url = id ? checkInUrl(id) : '';
  usePageTitle(room.data ? t('rooms.qr.pageTitle', { name: room.data.name }) : t('rooms.qr.title'));

  useEffect(() => {
    if (!url) return;
    let live = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 512 })
      .then((data) => live && setImage(data))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [url]);

  return (
    <Stack>
      <Group className="room-no-print" justify="space-between">
        <Anchor component={Link} to="/rooms/admin/rooms" className="table-link">
          {t('rooms.qr.back')}
        </Anchor>
        <Button onClick={() => window.print()}>{t('rooms.qr.print')}</Button>
      </Group>
      <ErrorAlert error={room.error ?? error} />
      {room.isPending && <LoadingState />}
      {room.data && (
        <Paper withBorder p="xl" radius="md" className="room-qr">
          <Stack align="center" gap="md">
            <Title order={1}>{room.data.name}</Title>
            <Text size="lg">{roomLocation(room.data, lang)}</Text>
            {image && <img src={image} alt={t('rooms.qr.alt', { name: room.data.name })} width={288} height={288} />}
            <Text size="xl" fw={700}>
              {t('rooms.qr.instruction')}
            </Text>
            <Text size="sm">{t('rooms.qr.rule')}</Text>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {url}
            </Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
