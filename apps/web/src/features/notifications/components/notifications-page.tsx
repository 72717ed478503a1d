import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@rr/contracts';
import { useInbox, useMarkAllRead, useMarkRead, useUnreadCount } from '../api/notifications.api';
import { notificationTypeLabel } from '../lib/type-label';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { Pager } from '../../../shared/components/pager';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime } from '../../../shared/time/tokyo';
import './notifications.css';

const PAGE_SIZE = 20;

/** Only in-app paths are followed (the API guarantees it; this keeps a bad row from leaving the app). */
function inAppLink(link: string | null): string | null {
  return link && /^\/[^/\\]/.test(link) ? link : null;
}

function InboxEntry({ item, onMarkRead, marking }: { item: InboxItem; onMarkRead: (id: string) => void; marking: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const titleId = useId();
  const unread = !item.readAt;
  const link = inAppLink(item.link);
  return (
    <Paper component="article" withBorder p="md" radius="md" className={unread ? 'inbox-item inbox-item-unread' : 'inbox-item'} aria-labelledby={titleId}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          {unread ? (
            <Badge color="blue" variant="filled" tt="none">
              {t('notifications.unread')}
            </Badge>
          ) : (
            <Badge color="gray" variant="outline" tt="none">
              {t('notifications.read')}
            </Badge>
          )}
          <Badge color="gray" variant="light" tt="none">
            {notificationTypeLabel(item.type, lang)}
          </Badge>
          <Text size="sm" c="dimmed" component="time" dateTime={item.createdAt}>
            {formatDateTime(item.createdAt, lang)}
          </Text>
        </Group>
        <Title order={2} id={titleId} className="inbox-title" fw={unread ? 700 : 500}>
          {link ? (
            <Anchor
              component={Link}
              to={link}
              inherit
              onClick={(e) => {
                // Opening a notice reads it; the navigation waits for nothing.
                if (!unread) return;
                e.preventDefault();
                onMarkRead(item.id);
                void navigate(link);
              }}
            >
              {item.title}
            </Anchor>
          ) : (
            item.title
          )}
        </Title>
        {item.body && (
          <Text className="inbox-body" size="md">
            {item.body}
          </Text>
        )}
        {unread && (
          <Group justify="flex-end">
            <Button size="sm" variant="default" onClick={() => onMarkRead(item.id)} loading={marking} aria-describedby={titleId}>
              {t('notifications.markRead')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** お知らせ: the signed-in user's inbox, newest first, with read state and paging. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const inbox = useInbox({ unreadOnly, limit: PAGE_SIZE, offset });
  const unreadCount = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const [notice, setNotice] = useState('');

  const update = (next: { unreadOnly?: boolean; offset?: number }) => {
    const p = new URLSearchParams();
    if (next.unreadOnly ?? unreadOnly) p.set('unread', '1');
    if (next.offset) p.set('offset', String(next.offset));
    setParams(p);
  };

  const hasUnread = (unreadCount.data ?? 0) > 0 || !!inbox.data?.items.some((i) => !i.readAt);

  return (
    <Stack>
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.lead')}
        actions={
          <>
            <Button
              onClick={() => {
                setNotice('');
                markAll.mutate(undefined, { onSuccess: (r) => setNotice(t('notifications.markedAll', { count: r.updated })) });
              }}
              loading={markAll.isPending}
              disabled={!hasUnread}
            >
              {t('notifications.markAllRead')}
            </Button>
            <Button component={Link} to="/notifications/settings" variant="default">
              {t('notifications.settings.title')}
            </Button>
          </>
        }
      />
      <Switch
        size="lg"
        label={t('notifications.unreadOnly')}
        checked={unreadOnly}
        onChange={(e) => update({ unreadOnly: e.currentTarget.checked, offset: 0 })}
        className="notif-touch-row"
      />
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={markAll.error ?? markRead.error} />
      <ErrorAlert error={inbox.error} />
      {inbox.isPending && <LoadingState />}
      {inbox.data && (
        <>
          {inbox.data.items.length === 0 ? (
            <Text c="dimmed">{unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</Text>
          ) : (
            <ul className="inbox-list" aria-label={t('notifications.listLabel')} aria-busy={inbox.isFetching}>
              {inbox.data.items.map((item) => (
                <li key={item.id}>
                  <InboxEntry
                    item={item}
                    marking={markRead.isPending && markRead.variables === item.id}
                    onMarkRead={(id) => {
                      setNotice('');
                      markRead.mutate(id);
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
          <Pager total={inbox.data.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={(o) => update({ offset: o })} />
        </>
      )}
    </Stack>
  );
}
