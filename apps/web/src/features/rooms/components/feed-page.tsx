import { useState } from 'react';
import { Anchor, Button, CopyButton, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCalendarFeed, useDeleteCalendarFeed, useRooms, useRotateCalendarFeed, type FeedOwner } from '../api/rooms.api';
import { ROOM_ADMIN_ROLES } from '../roles';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { hasAnyRole } from '../../auth/roles';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { formatDateTime } from '../../../shared/time/tokyo';
import { useLang } from '../../../shared/hooks/use-lang';

/** The full https URL of a feed path, and its webcal:// twin (opens the calendar app directly). */
export function feedUrls(path: string, origin = window.location.origin): { https: string; webcal: string } {
  const https = `${origin}${path}`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

function FeedPanel({ owner, title, canManage, labelId }: { owner: FeedOwner; title: string; canManage: boolean; labelId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Stopping a feed deletes its token; the next GET would issue a new one, so wait for the user.
  const [stopped, setStopped] = useState(false);
  const feed = useCalendarFeed(stopped ? null : owner);
  const rotate = useRotateCalendarFeed();
  const remove = useDeleteCalendarFeed();
  const [confirm, setConfirm] = useState<'rotate' | 'delete' | null>(null);
  const [notice, setNotice] = useState('');
  const urls = feed.data ? feedUrls(feed.data.path) : null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={labelId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={labelId}>
          {title}
        </Title>
        <SuccessNotice>{notice}</SuccessNotice>
        <ErrorAlert error={feed.error ?? rotate.error} />
        {stopped ? (
          <Group>
            <Text>{t('rooms.feed.stopped')}</Text>
            <Button
              variant="light"
              onClick={() => {
                setNotice('');
                setStopped(false);
              }}
            >
              {t('rooms.feed.issue')}
            </Button>
          </Group>
        ) : feed.isPending ? (
          <LoadingState />
        ) : (
          urls &&
          feed.data && (
            <>
              <Group align="flex-end" wrap="nowrap">
                <TextInput label={t('rooms.feed.url')} readOnly value={urls.https} onFocus={(e) => e.currentTarget.select()} style={{ flex: 1 }} />
                <CopyButton value={urls.https}>
                  {({ copied, copy }) => (
                    <Button variant={copied ? 'filled' : 'default'} color={copied ? 'teal' : undefined} onClick={copy} aria-live="polite">
                      {copied ? t('rooms.feed.copied') : t('rooms.feed.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="sm">
                <Anchor href={urls.webcal}>{t('rooms.feed.openApp')}</Anchor>
                {' — '}
                {t('rooms.feed.issuedAt', { at: formatDateTime(feed.data.createdAt, lang) })}
              </Text>
              {canManage && (
                <Group>
                  <Button variant="default" onClick={() => setConfirm('rotate')}>
                    {t('rooms.feed.rotate')}
                  </Button>
                  <Button variant="outline" color="red" onClick={() => setConfirm('delete')}>
                    {t('rooms.feed.delete')}
                  </Button>
                </Group>
              )}
            </>
          )
        )}
      </Stack>
      <ConfirmDialog
        opened={confirm !== null}
        title={confirm === 'rotate' ? t('rooms.feed.rotate') : t('rooms.feed.delete')}
        message={confirm === 'rotate' ? t('rooms.feed.confirmRotate') : t('rooms.feed.confirmDelete')}
        confirmLabel={confirm === 'rotate' ? t('rooms.feed.rotate') : t('rooms.feed.delete')}
        pending={rotate.isPending || remove.isPending}
        error={confirm === 'rotate' ? rotate.error : remove.error}
        onClose={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm === 'rotate') {
            rotate.mutate(owner, {
              onSuccess: () => {
                setNotice(t('rooms.feed.rotated'));
                setConfirm(null);
              },
            });
          } else {
            remove.mutate(owner, {
              onSuccess: () => {
                setStopped(true);
                setNotice(t('rooms.feed.deleted'));
                setConfirm(null);
              },
            });
          }
        }}
      />
    </Paper>
  );
}

/** カレンダー連携: my private ICS URL (and a room's) for Outlook / Google Calendar. */
export function RoomFeedPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const rooms = useRooms();
  const [roomId, setRoomId] = useState('');
  const isAdmin = hasAnyRole(user.roles, ROOM_ADMIN_ROLES);
  const room = rooms.data?.find((r) => r.id === roomId);

  return (
    <Stack>
      <PageHeader title={t('rooms.feed.title')} description={t('rooms.feed.lead')} />
      <Text size="sm">{t('rooms.feed.privacy')}</Text>
      <FeedPanel owner="me" title={t('rooms.feed.mine')} canManage labelId="feed-mine" />
      <Paper withBorder p="md" radius="md">
        <NativeSelect
          label={t('rooms.feed.roomPick')}
          value={roomId}
          onChange={(e) => setRoomId(e.currentTarget.value)}
          data={[{ value: '', label: t('common.choose') }, ...(rooms.data ?? []).map((r) => ({ value: r.id, label: r.name }))]}
          w={320}
        />
      </Paper>
      {room && <FeedPanel key={room.id} owner={{ roomId: room.id }} title={t('rooms.feed.room', { name: room.name })} canManage={isAdmin} labelId="feed-room" />}
    </Stack>
  );
}
