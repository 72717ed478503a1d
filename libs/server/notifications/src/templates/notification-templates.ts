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
  // Car lottery (抽選). Links open the round's page in the web (/cars/lottery/<roundId>).
  'lottery.round_open': (p, locale) => {
    const link = `/cars/lottery/${p.roundId}`;
    const period = `${formatTokyo(p.periodStart, locale)} – ${formatTokyo(new Date(new Date(p.periodEnd).getTime() - 60_000), locale)}`;
    return locale === 'ja'
      ? { title: `公用車抽選の申込受付を開始しました（${p.poolName}）`, body: `対象期間: ${period}\n申込締切: ${formatTokyo(p.closesAt, locale)}\n抽選日時: ${formatTokyo(p.drawAt, locale)}`, link }
      : { title: `Car lottery entries are open (${p.poolName})`, body: `Trips: ${period}\nEntries close: ${formatTokyo(p.closesAt, locale)}\nDraw: ${formatTokyo(p.drawAt, locale)}`, link };
  },

  'lottery.won': (p, locale) => {
    const lines = p.wins.map((w) => `・${formatTokyo(w.startsAt, locale)} – ${formatTokyo(w.endsAt, locale)} ${w.className} ${w.plateNumber}${locale === 'ja' ? `（第${w.option}希望）` : ` (choice ${w.option})`}`);
    const deadline = formatTokyo(p.confirmBy, locale);
    return locale === 'ja'
      ? { title: `公用車抽選に当選しました（${p.wins.length}件）`, body: `${lines.join('\n')}\n${deadline} までに「当選確定」してください。期限までに確定しない場合、当選は無効になります。`, link: `/cars/lottery/${p.roundId}` }
      : { title: `You won ${p.wins.length} car lottery ${p.wins.length === 1 ? 'entry' : 'entries'}`, body: `${lines.join('\n')}\nConfirm by ${deadline}, or the win becomes void.`, link: `/cars/lottery/${p.roundId}` };
  },

  'lottery.lost': (p, locale) =>
    locale === 'ja'
      ? { title: `公用車抽選の結果: 落選（${p.poolName}）`, body: `申込 ${p.requestCount} 件は当選しませんでした。辞退や確定期限切れで空きが出た場合は、抽選順に繰り上げ当選となります。残った空き枠は先着予約で予約できます。`, link: `/cars/lottery/${p.roundId}` }
      : { title: `Car lottery result: not won (${p.poolName})`, body: `None of your ${p.requestCount} entries won. If winners decline or do not confirm, freed slots go to waiting entries in lottery order; what remains opens for first-come booking.`, link: `/cars/lottery/${p.roundId}` },

  'lottery.promoted': (p, locale) => {
    const when = `${formatTokyo(p.startsAt, locale)} – ${formatTokyo(p.endsAt, locale)}`;
    return locale === 'ja'
      ? { title: '公用車抽選で繰り上げ当選しました', body: `${when} ${p.className} ${p.plateNumber}\n予約は確定済みです。不要になった場合は予約を取り消してください。`, link: '/cars/bookings' }
      : { title: 'You were promoted from the car lottery waitlist', body: `${when} ${p.className} ${p.plateNumber}\nThe booking is confirmed. Please cancel it if you no longer need it.`, link: '/cars/bookings' };
  },

  'lottery.confirm_reminder': (p, locale) =>
    locale === 'ja'
      ? { title: `当選確定期限が近づいています（${p.pending}件）`, body: `${formatTokyo(p.confirmBy, locale)} までに「当選確定」または「辞退」してください。確定しない当選は無効になります。`, link: `/cars/lottery/${p.roundId}` }
      : { title: `Confirm your lottery win${p.pending === 1 ? '' : 's'} (${p.pending})`, body: `Confirm or decline by ${formatTokyo(p.confirmBy, locale)}. Unconfirmed wins become void.`, link: `/cars/lottery/${p.roundId}` },

  'lottery.win_void': (p, locale) => {
    const when = `${formatTokyo(p.startsAt, locale)} – ${formatTokyo(p.endsAt, locale)}`;
    return locale === 'ja'
      ? { title: '当選無効: 確定期限までに当選確定されませんでした', body: `${when} の当選は無効になり、空き枠として繰り上げ・先着予約に回されました。`, link: `/cars/lottery/${p.roundId}` }
      : { title: 'Win void: it was not confirmed in time', body: `Your win for ${when} is void; the slot went to the waitlist and first-come booking.`, link: `/cars/lottery/${p.roundId}` };
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
