import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Anchor, Badge, Button, Code, Drawer, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DELIVERY_STATUSES, NOTIFICATION_CHANNELS, type DeadLetter, type DeliveryStats, type DeliveryStatus } from '@rr/contracts';
import { QUEUE_BOARD_URL, useDeadLetters, useDeliveryStats, useNotificationHistory, useRetryDelivery } from '../api/admin-notifications.api';
import { notificationTypeLabel } from '../../notifications/lib/type-label';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { Pager } from '../../../shared/components/pager';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime } from '../../../shared/time/tokyo';
import '../../notifications/components/notifications.css';

const PAGE_SIZE = 50;
type ChannelFilter = 'all' | 'email' | 'webhook';

function StatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  const color = status === 'dead' ? 'red' : status === 'sent' ? 'green' : status === 'skipped' || status === 'digested' ? 'gray' : 'blue';
  return (
    <Badge color={color} variant="light" tt="none">
      {t(`notifications.admin.status.${status}`)}
    </Badge>
  );
}

function StatsTable({ stats }: { stats: DeliveryStats }) {
  const { t } = useTranslation();
  const lang = useLang();
  const count = (channel: string, status: string) => stats.byStatus.find((s) => s.channel === channel && s.status === status)?.count ?? 0;
  const channels = NOTIFICATION_CHANNELS.filter((c) => c !== 'inbox' || stats.byStatus.some((s) => s.channel === 'inbox'));
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={420}>
        <Table captionSide="top" striped verticalSpacing="xs">
          <Table.Caption>{t('notifications.admin.statsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('notifications.admin.statusHeader')}</Table.Th>
              {channels.map((c) => (
                <Table.Th scope="col" key={c} ta="right">
                  {t(`notifications.channels.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {DELIVERY_STATUSES.map((status) => (
              <Table.Tr key={status}>
                <Table.Th scope="row" fw={500}>
                  {t(`notifications.admin.status.${status}`)}
                </Table.Th>
                {channels.map((c) => (
                  <Table.Td key={c} ta="right" fw={status === 'dead' && count(c, status) > 0 ? 700 : undefined}>
                    {count(c, status).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB')}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm">
        {stats.oldestPendingAt ? t('notifications.admin.oldestPending', { at: formatDateTime(stats.oldestPendingAt, lang) }) : t('notifications.admin.noPending')}
      </Text>
    </Stack>
  );
}

/** Delivery history of one notification: each channel's delivery with every attempt. */
function HistoryDrawer({ notificationId, onClose }: { notificationId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const history = useNotificationHistory(notificationId);
  const h = history.data;
  return (
    <Drawer
      opened={!!notificationId}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('notifications.admin.historyTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <ErrorAlert error={history.error} />
      {history.isPending && notificationId && <LoadingState />}
      {h && (
        <Stack>
          <dl className="history-meta">
            <Text component="dt" fw={600}>{t('notifications.admin.type')}</Text>
            <Text component="dd" m={0}>{notificationTypeLabel(h.type, lang)}</Text>
            <Text component="dt" fw={600}>{t('notifications.admin.recipient')}</Text>
            <Text component="dd" m={0}>{h.recipient.displayName}</Text>
            <Text component="dt" fw={600}>{t('notifications.admin.createdAt')}</Text>
            <Text component="dd" m={0}>{formatDateTime(h.createdAt, lang)}</Text>
            <Text component="dt" fw={600}>{t('notifications.channels.inbox')}</Text>
            <Text component="dd" m={0}>
              {!h.inInbox ? t('notifications.admin.notInInbox') : h.readAt ? t('notifications.admin.readAt', { at: formatDateTime(h.readAt, lang) }) : t('notifications.unread')}
            </Text>
          </dl>
          {h.deliveries.length === 0 && <Text c="dimmed">{t('notifications.admin.noDeliveries')}</Text>}
          {h.deliveries.map((d) => (
            <Paper key={d.id} withBorder p="sm" radius="md" component="section" aria-label={t(`notifications.channels.${d.channel}`)}>
              <Stack gap="xs">
                <Group gap="xs">
                  <Title order={3} size="h4">
                    {t(`notifications.channels.${d.channel}`)}
                  </Title>
                  <StatusBadge status={d.status} />
                </Group>
                <Text size="sm">
                  {t('notifications.admin.attemptsOf', { attempts: d.attempts, max: d.maxAttempts })}
                  {d.sentAt ? ` / ${t('notifications.admin.sentAt', { at: formatDateTime(d.sentAt, lang) })}` : ''}
                  {!d.sentAt && d.status !== 'dead' ? ` / ${t('notifications.admin.availableAt', { at: formatDateTime(d.availableAt, lang) })}` : ''}
                </Text>
                {d.receipt && (
                  <Text size="sm" className="break-all">
                    {t('notifications.admin.receipt')}: <Code>{d.receipt}</Code>
                  </Text>
                )}
                {d.lastError && (
                  <Text size="sm" c="red.9" className="delivery-error">
                    {t('notifications.admin.lastError')}: {d.lastError}
                  </Text>
                )}
                {d.history.length > 0 && (
                  <Table.ScrollContainer minWidth={440}>
                    <Table captionSide="top" verticalSpacing={4} fz="sm">
                      <Table.Caption>{t('notifications.admin.attemptsCaption', { channel: t(`notifications.channels.${d.channel}`) })}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">#</Table.Th>
                          <Table.Th scope="col">{t('notifications.admin.startedAt')}</Table.Th>
                          <Table.Th scope="col">{t('notifications.admin.outcomeHeader')}</Table.Th>
                          <Table.Th scope="col">{t('notifications.admin.detail')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {d.history.map((a) => (
                          <Table.Tr key={a.attemptNo}>
                            <Table.Td>{a.attemptNo}</Table.Td>
                            <Table.Td className="nowrap">{formatDateTime(a.startedAt, lang)}</Table.Td>
                            <Table.Td>{t(`notifications.admin.outcome.${a.outcome}`)}</Table.Td>
                            <Table.Td className="delivery-error">{a.error ?? a.receipt ?? '—'}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Drawer>
  );
}

function DeadLetterRow({ item, onRetry, retrying, onHistory }: { item: DeadLetter; onRetry: () => void; retrying: boolean; onHistory: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const type = notificationTypeLabel(item.type, lang);
  const channel = t(`notifications.channels.${item.channel}`);
  const who = { recipient: item.recipient.displayName, type, channel };
  return (
    <Table.Tr>
      <Table.Td className="nowrap">{formatDateTime(item.deadAt ?? item.createdAt, lang)}</Table.Td>
      <Table.Td>{type}</Table.Td>
      <Table.Td>{item.recipient.displayName}</Table.Td>
      <Table.Td>{channel}</Table.Td>
      <Table.Td ta="right">{item.attempts}</Table.Td>
      <Table.Td className="delivery-error">{item.lastError ?? '—'}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="sm" onClick={onRetry} loading={retrying} aria-label={t('notifications.admin.retryItem', who)}>
            {t('notifications.admin.retry')}
          </Button>
          <Button size="sm" variant="default" onClick={onHistory} aria-label={t('notifications.admin.historyItem', who)}>
            {t('notifications.admin.history')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** 管理 › 通知の配信: dead-lettered e-mail/webhook deliveries with retry, history and live counts. */
export function AdminNotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const channelParam = params.get('channel');
  const channel: ChannelFilter = channelParam === 'email' || channelParam === 'webhook' ? channelParam : 'all';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const dead = useDeadLetters({ channel: channel === 'all' ? undefined : channel, limit: PAGE_SIZE, offset });
  const stats = useDeliveryStats();
  const retry = useRetryDelivery();
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const update = (next: { channel?: ChannelFilter; offset?: number }) => {
    const p = new URLSearchParams();
    const c = next.channel ?? channel;
    if (c !== 'all') p.set('channel', c);
    if (next.offset) p.set('offset', String(next.offset));
    setParams(p);
  };

  return (
    <Stack>
      <PageHeader
        title={t('notifications.admin.title')}
        description={t('notifications.admin.lead')}
        actions={
          <Anchor href={QUEUE_BOARD_URL} target="_blank" rel="noopener noreferrer" className="table-link">
            {t('notifications.admin.queues')}
            <Text component="span" size="sm">
              {' '}
              {t('notifications.admin.newTab')}
            </Text>
          </Anchor>
        }
      />

      <section aria-labelledby="notif-stats-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3" id="notif-stats-heading">
            {t('notifications.admin.stats')}
          </Title>
          <Button variant="subtle" size="sm" onClick={() => void stats.refetch()} loading={stats.isFetching}>
            {t('common.reload')}
          </Button>
        </Group>
        <ErrorAlert error={stats.error} />
        {stats.isPending && <LoadingState />}
        {stats.data && <StatsTable stats={stats.data} />}
      </section>

      <section aria-labelledby="notif-dead-heading">
        <Title order={2} size="h3" id="notif-dead-heading" mb="xs">
          {t('notifications.admin.deadLetters')}
        </Title>
        <Stack>
          <SegmentedControl
            aria-label={t('notifications.admin.channelFilter')}
            value={channel}
            onChange={(v) => update({ channel: v as ChannelFilter, offset: 0 })}
            data={[
              { value: 'all', label: t('common.all') },
              { value: 'email', label: t('notifications.channels.email') },
              { value: 'webhook', label: t('notifications.channels.webhook') },
            ]}
            size="md"
            w="fit-content"
          />
          <SuccessNotice>{notice}</SuccessNotice>
          <ErrorAlert error={retry.error} />
          <ErrorAlert error={dead.error} />
          {dead.isPending && <LoadingState />}
          {dead.data && (
            <>
              <Table.ScrollContainer minWidth={860}>
                <Table captionSide="top" striped verticalSpacing="sm" aria-busy={dead.isFetching}>
                  <Table.Caption>{t('notifications.admin.deadCaption', { total: dead.data.total })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('notifications.admin.deadAt')}</Table.Th>
                      <Table.Th scope="col">{t('notifications.admin.type')}</Table.Th>
                      <Table.Th scope="col">{t('notifications.admin.recipient')}</Table.Th>
                      <Table.Th scope="col">{t('notifications.admin.channel')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('notifications.admin.attempts')}
                      </Table.Th>
                      <Table.Th scope="col">{t('notifications.admin.lastError')}</Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {dead.data.items.length === 0 && (
                      <Table.Tr>
                        <Table.Td colSpan={7}>
                          <Text c="dimmed">{t('notifications.admin.none')}</Text>
                        </Table.Td>
                      </Table.Tr>
                    )}
                    {dead.data.items.map((item) => (
                      <DeadLetterRow
                        key={item.deliveryId}
                        item={item}
                        retrying={retry.isPending && retry.variables === item.deliveryId}
                        onRetry={() => {
                          setNotice('');
                          retry.mutate(item.deliveryId, {
                            onSuccess: () => setNotice(t('notifications.admin.retried', { recipient: item.recipient.displayName })),
                          });
                        }}
                        onHistory={() => setHistoryOf(item.notificationId)}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={dead.data.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={(o) => update({ offset: o })} />
            </>
          )}
        </Stack>
      </section>

      <HistoryDrawer notificationId={historyOf} onClose={() => setHistoryOf(null)} />
    </Stack>
  );
}
