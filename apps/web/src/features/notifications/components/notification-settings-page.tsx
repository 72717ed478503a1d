import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Checkbox, Fieldset, Group, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_CHANNELS, NOTIFICATION_TYPES, type NotificationChannel, type NotificationPreferences, type NotificationType, type UpdateNotificationPreferences } from '@rr/contracts';
import { usePreferences, useSendTestNotification, useUpdatePreferences } from '../api/notifications.api';
import { notificationTypeLabel } from '../lib/type-label';
import { ApiError } from '../../../shared/api/client';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import './notifications.css';

type Switches = Record<NotificationChannel, boolean>;

interface Draft {
  types: { type: NotificationType; channels: Switches }[];
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  digest: boolean;
  webhookUrl: string;
}

interface Errors {
  quietStart?: string;
  quietEnd?: string;
  webhookUrl?: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isConfigurable(type: string): type is NotificationType {
  return type in NOTIFICATION_TYPES && NOTIFICATION_TYPES[type as NotificationType].userConfigurable;
}

function toDraft(p: NotificationPreferences): Draft {
  return {
    types: p.types.filter((x) => isConfigurable(x.type)).map((x) => ({ type: x.type, channels: { ...x.channels } })),
    quietEnabled: p.quietHours !== null,
    quietStart: p.quietHours?.start ?? '22:00',
    quietEnd: p.quietHours?.end ?? '07:00',
    digest: p.digest,
    webhookUrl: p.webhookUrl ?? '',
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** 通知設定: per-type channels, quiet hours for e-mail, the approvers' daily digest, the webhook URL. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const prefs = usePreferences();
  const save = useUpdatePreferences();
  const sendTest = useSendTestNotification();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState('');
  const [testNotice, setTestNotice] = useState('');

  useEffect(() => {
    if (prefs.data) setDraft(toDraft(prefs.data));
  }, [prefs.data]);

  const setChannel = (type: NotificationType, channel: NotificationChannel, on: boolean) =>
    setDraft((d) => d && { ...d, types: d.types.map((x) => (x.type === type ? { ...x, channels: { ...x.channels, [channel]: on } } : x)) });

  const validate = (d: Draft): Errors => {
    const e: Errors = {};
    if (d.quietEnabled) {
      if (!HHMM.test(d.quietStart)) e.quietStart = t('notifications.settings.timeInvalid');
      if (!HHMM.test(d.quietEnd)) e.quietEnd = t('notifications.settings.timeInvalid');
      else if (d.quietStart === d.quietEnd) e.quietEnd = t('notifications.settings.quietSame');
    }
    const url = d.webhookUrl.trim();
    if (url && (!isHttpUrl(url) || url.length > 500)) e.webhookUrl = t('notifications.settings.webhookInvalid');
    return e;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !prefs.data) return;
    setNotice('');
    const e = validate(draft);
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const body: UpdateNotificationPreferences = {
      types: draft.types.map((x) => ({ type: x.type, channels: x.channels })),
      quietHours: draft.quietEnabled ? { start: draft.quietStart, end: draft.quietEnd } : null,
      webhookUrl: draft.webhookUrl.trim() || null,
    };
    if (prefs.data.digestAvailable) body.digest = draft.digest;
    save.mutate(body, { onSuccess: () => setNotice(t('notifications.settings.saved')) });
  };

  // The API checks the webhook host against the city's allow-list: show its message on the field.
  const webhookServerError = save.error instanceof ApiError && save.error.code === 'NOTIFICATION_WEBHOOK_HOST_NOT_ALLOWED' ? save.error.message : undefined;
  const webhookWanted = !!draft?.types.some((x) => x.channels.webhook) && !draft.webhookUrl.trim();

  return (
    <Stack>
      <PageHeader
        title={t('notifications.settings.title')}
        description={t('notifications.settings.lead')}
        actions={
          <Anchor component={Link} to="/notifications" className="table-link">
            {t('notifications.settings.back')}
          </Anchor>
        }
      />
      <ErrorAlert error={prefs.error} />
      {prefs.isPending && <LoadingState />}
      {draft && prefs.data && (
        <form onSubmit={onSubmit} noValidate aria-label={t('notifications.settings.title')}>
          <Stack gap="lg">
            <Table.ScrollContainer minWidth={520}>
              <Table captionSide="top" verticalSpacing="sm" className="channel-table">
                <Table.Caption>{t('notifications.settings.typesCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('notifications.settings.type')}</Table.Th>
                    {NOTIFICATION_CHANNELS.map((c) => (
                      <Table.Th scope="col" key={c}>
                        {t(`notifications.channels.${c}`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {draft.types.map((x) => {
                    const label = notificationTypeLabel(x.type, lang);
                    return (
                      <Table.Tr key={x.type}>
                        <Table.Th scope="row" fw={500}>
                          {label}
                        </Table.Th>
                        {NOTIFICATION_CHANNELS.map((c) => (
                          <Table.Td key={c}>
                            <Switch
                              size="lg"
                              checked={x.channels[c]}
                              onChange={(e) => setChannel(x.type, c, e.currentTarget.checked)}
                              aria-label={t('notifications.settings.channelFor', { type: label, channel: t(`notifications.channels.${c}`) })}
                            />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>

            <Fieldset legend={t('notifications.settings.quietHours')}>
              <Stack>
                <Text size="sm" c="dimmed">
                  {t('notifications.settings.quietHoursHelp')}
                </Text>
                <Checkbox
                  size="md"
                  label={t('notifications.settings.quietEnabled')}
                  checked={draft.quietEnabled}
                  onChange={(e) => {
                    const quietEnabled = e.currentTarget.checked;
                    setDraft((d) => d && { ...d, quietEnabled });
                  }}
                />
                <Group grow align="flex-start" wrap="wrap">
                  <TextInput
                    type="time"
                    label={t('notifications.settings.quietStart')}
                    description={t('common.tokyoTime')}
                    value={draft.quietStart}
                    disabled={!draft.quietEnabled}
                    error={errors.quietStart}
                    onChange={(e) => {
                      const quietStart = e.currentTarget.value;
                      setDraft((d) => d && { ...d, quietStart });
                    }}
                    miw={160}
                  />
                  <TextInput
                    type="time"
                    label={t('notifications.settings.quietEnd')}
                    description={t('common.tokyoTime')}
                    value={draft.quietEnd}
                    disabled={!draft.quietEnabled}
                    error={errors.quietEnd}
                    onChange={(e) => {
                      const quietEnd = e.currentTarget.value;
                      setDraft((d) => d && { ...d, quietEnd });
                    }}
                    miw={160}
                  />
                </Group>
              </Stack>
            </Fieldset>

            {prefs.data.digestAvailable && (
              <Switch
                size="lg"
                label={t('notifications.settings.digest')}
                description={t('notifications.settings.digestHelp', { time: prefs.data.digestTime })}
                checked={draft.digest}
                onChange={(e) => {
                  const digest = e.currentTarget.checked;
                  setDraft((d) => d && { ...d, digest });
                }}
              />
            )}

            <TextInput
              type="url"
              inputMode="url"
              autoComplete="off"
              label={t('notifications.settings.webhookUrl')}
              description={webhookWanted ? t('notifications.settings.webhookMissing') : t('notifications.settings.webhookHelp')}
              placeholder="https://"
              value={draft.webhookUrl}
              maxLength={500}
              error={errors.webhookUrl ?? webhookServerError}
              onChange={(e) => {
                const webhookUrl = e.currentTarget.value;
                setDraft((d) => d && { ...d, webhookUrl });
              }}
            />

            <SuccessNotice>{notice}</SuccessNotice>
            <ErrorAlert error={save.error} />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      <Fieldset legend={t('notifications.settings.testTitle')} mt="lg">
        <Stack>
          <Text size="sm">{t('notifications.settings.testHelp')}</Text>
          <SuccessNotice>{testNotice}</SuccessNotice>
          <ErrorAlert error={sendTest.error} />
          <Group>
            <Button
              variant="default"
              loading={sendTest.isPending}
              onClick={() => {
                setTestNotice('');
                sendTest.mutate(undefined, { onSuccess: () => setTestNotice(t('notifications.settings.testSent')) });
              }}
            >
              {t('notifications.settings.test')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Stack>
  );
}
