import { Locale, NOTIFICATION_TYPES, NotificationPayloads, NotificationType } from '@rr/contracts';
import { TOKYO } from '@rr/domain';
import { DateTime } from 'luxon';

/** What a notification says, in one language: the inbox shows it, e-mail and webhooks wrap it. */
export interface RenderedNotification {
  title: string;
  body: string;
  /** In-app path, or null. */
  link: string | null;
}

type Renderer<T extends NotificationType> = (payload: NotificationPayloads[T], locale: Locale) => RenderedNotification;

/** Tokyo date-time in the reader's language, e.g. 2026年12月3日(木) 09:00 / Thu 3 Dec 2026, 09:00. */
export function formatTokyo(iso: string | Date, locale: Locale): string {
  const dt = (typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso)).setZone(TOKYO).setLocale(locale === 'ja' ? 'ja-JP' : 'en-GB');
  if (!dt.isValid) return String(iso);
  return locale === 'ja' ? dt.toFormat('yyyy年M月d日(ccc) HH:mm') : dt.toFormat('ccc d LLL yyyy, HH:mm');
}

const RENDERERS: { [T in NotificationType]: Renderer<T> } = {
  'system.test': (_p, locale) =>
    locale === 'ja'
      ? { title: 'テスト通知', body: '通知設定を確認するためのテスト送信です。このメッセージが届いていれば、設定は有効です。', link: '/settings/notifications' }
      : { title: 'Test notification', body: 'This is a test to check your notification settings. If you can read it, they work.', link: '/settings/notifications' },

  'reminder.scheduled': (p) => ({ title: p.title, body: p.body ?? '', link: p.link ?? null }),

  'absence.starts_tomorrow': (p, locale) => {
    const from = formatTokyo(p.startsAt, locale);
    const to = formatTokyo(p.endsAt, locale);
    const reason = p.reason ? (locale === 'ja' ? `（理由: ${p.reason}）` : ` (reason: ${p.reason})`) : '';
    if (p.role === 'self') {
      return locale === 'ja'
        ? { title: '不在期間が次の開庁日から始まります', body: `${from} から ${to} まで不在として登録されています${reason}。この間の承認は代決者が行います。`, link: '/settings/absences' }
        : { title: 'Your absence starts on the next business day', body: `You are registered as absent from ${from} to ${to}${reason}. Your deputies approve in your place meanwhile.`, link: '/settings/absences' };
    }
    return locale === 'ja'
      ? { title: `${p.absentUserName}さんの不在（代決）が次の開庁日から始まります`, body: `${p.absentUserName}さんが ${from} から ${to} まで不在です${reason}。この間、あなたが代決者として承認を行います。`, link: '/approvals' }
      : { title: `${p.absentUserName} is absent from the next business day`, body: `${p.absentUserName} is absent from ${from} to ${to}${reason}. You approve in their place (acting approval) meanwhile.`, link: '/approvals' };
  },

  'approval.requested': (p, locale) =>
    locale === 'ja'
      ? { title: `承認依頼: ${p.title}`, body: `${p.requesterName}さんから${p.kind}の承認依頼が届いています。`, link: p.link ?? '/approvals' }
      : { title: `Approval requested: ${p.title}`, body: `${p.requesterName} asks you to approve a ${p.kind}.`, link: p.link ?? '/approvals' },

  'digest.daily': (p, locale) => {
    const lines = p.items.map((i) => `・${i.title}${i.body ? ` — ${i.body}` : ''}`);
    return locale === 'ja'
      ? { title: `承認依頼のまとめ（${p.date}・${p.items.length}件）`, body: lines.join('\n'), link: '/approvals' }
      : { title: `Your approval requests (${p.date}, ${p.items.length})`, body: lines.join('\n'), link: '/approvals' };
  },
};

export function renderNotification<T extends NotificationType>(type: T, payload: NotificationPayloads[T], locale: Locale): RenderedNotification {
  const render = RENDERERS[type] as Renderer<T> | undefined;
  if (!render) {
    // A row written by a newer version (or a removed type): still show something useful.
    const label = (NOTIFICATION_TYPES as Record<string, { label: Record<Locale, string> }>)[type]?.label[locale] ?? type;
    return { title: label, body: '', link: null };
  }
  return render(payload, locale);
}
