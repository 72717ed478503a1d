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

/** Up to three dates, then 「ほかN日」 / "and N more". */
function acDates(dates: readonly string[], locale: Locale): string {
  const shown = dates.slice(0, 3).join(locale === 'ja' ? '、' : ', ');
  const more = dates.length - 3;
  if (more <= 0) return shown;
  return locale === 'ja' ? `${shown} ほか${more}日` : `${shown} and ${more} more`;
}

const BLOCK_KIND: Record<'shaken' | 'inspection' | 'repair' | 'other', Record<Locale, string>> = {
  shaken: { ja: '車検', en: 'its statutory inspection (shaken)' },
  inspection: { ja: '点検', en: 'inspection' },
  repair: { ja: '修理', en: 'repair' },
  other: { ja: '整備', en: 'maintenance' },
};

const RENDERERS: { [T in NotificationType]: Renderer<T> } = {
  // After-hours AC (空調延長). Links open the request (/ac/requests/<id>) or the operator's day sheet.
  'ac.approval_requested': (p, locale) => {
    const dates = acDates(p.dates, locale);
    const yen = p.totalYen.toLocaleString('ja-JP');
    const link = `/ac/requests/${p.requestId}`;
    if (locale === 'ja') {
      const role = p.step === 'endorse' ? '課長決裁' : '総務課承認';
      const acting = p.actingForName ? `\n${p.actingForName}さんが不在のため、代決者としての依頼です。` : '';
      return { title: `空調延長申請の${role}依頼（No.${p.number}・${p.sectionName}）${p.late ? '【期限後・緊急】' : ''}`, body: `${p.applicantName}さんの申請: ${dates} ${p.start}〜${p.end}、概算 ${yen}円${acting}`, link };
    }
    const role = p.step === 'endorse' ? 'endorsement by the section chief' : 'approval by General Affairs';
    const acting = p.actingForName ? `\n${p.actingForName} is absent: you are asked as their deputy (acting approval).` : '';
    return { title: `AC extension No.${p.number} (${p.sectionName}) awaits ${role}${p.late ? ' [late, urgent]' : ''}`, body: `Requested by ${p.applicantName}: ${dates} ${p.start}–${p.end}, estimated ¥${yen}${acting}`, link };
  },

  'ac.request_decided': (p, locale) => {
    const link = `/ac/requests/${p.requestId}`;
    const dates = acDates(p.dates, locale);
    const comment = p.comment ? (locale === 'ja' ? `\nコメント: ${p.comment}` : `\nComment: ${p.comment}`) : '';
    if (locale === 'ja') {
      const verb = { endorse: '課長決裁されました', approve: '承認されました', reject: '却下されました', send_back: '差し戻されました', cancel: '取り消されました' }[p.action];
      const who = p.onBehalfOfName ? `${p.deciderName}さん（代決・本来の決裁者: ${p.onBehalfOfName}さん）` : `${p.deciderName}さん`;
      return { title: `空調延長申請 No.${p.number} が${verb}`, body: `対象日: ${dates}\n処理者: ${who}${comment}`, link };
    }
    const verb = { endorse: 'was endorsed by the section chief', approve: 'was approved', reject: 'was rejected', send_back: 'was sent back', cancel: 'was cancelled' }[p.action];
    const who = p.onBehalfOfName ? `${p.deciderName} (acting for ${p.onBehalfOfName})` : p.deciderName;
    return { title: `AC extension request No.${p.number} ${verb}`, body: `Dates: ${dates}\nBy: ${who}${comment}`, link };
  },

  'ac.post_review': (p, locale) => {
    const link = `/ac/requests/${p.requestId}`;
    const dates = acDates(p.dates, locale);
    const yen = p.totalYen.toLocaleString('ja-JP');
    if (locale === 'ja') {
      const verb = { endorse: '課長決裁', approve: '承認', reject: '却下', send_back: '差戻し' }[p.action];
      return { title: `【後閲】不在中に空調延長申請 No.${p.number} が代決されました`, body: `${p.deputyName}さんがあなたに代わって「${verb}」しました（${p.sectionName}、${dates}、概算 ${yen}円）。内容をご確認ください。`, link };
    }
    const verb = { endorse: 'endorsed', approve: 'approved', reject: 'rejected', send_back: 'sent back' }[p.action];
    return { title: `[Review] AC extension No.${p.number} was decided in your absence`, body: `${p.deputyName} ${verb} it on your behalf (${p.sectionName}, ${dates}, estimated ¥${yen}). Please review it.`, link };
  },

  'ac.instructions_changed': (p, locale) =>
    locale === 'ja'
      ? { title: `空調の運転指示が更新されました（${p.date}・第${p.revision}版）`, body: `${p.date} の運転指示は ${p.instructionCount} 件です。運転指示書を確認してください。`, link: `/ac/operator?date=${p.date}` }
      : { title: `AC operating instructions updated (${p.date}, revision ${p.revision})`, body: `${p.date} now has ${p.instructionCount} instruction${p.instructionCount === 1 ? '' : 's'}. Please check the daily sheet.`, link: `/ac/operator?date=${p.date}` },

  'ac.approval_overdue': (p, locale) => {
    const link = `/ac/requests/${p.requestId}`;
    const since = formatTokyo(p.waitingSince, locale);
    return locale === 'ja'
      ? { title: `【督促】空調延長申請 No.${p.number} が処理を待っています`, body: `${p.sectionName}の申請（対象日 ${p.firstDate}〜）が ${since} から${p.step === 'endorse' ? '課長決裁' : '総務課の承認'}を待っています。`, link }
      : { title: `[Reminder] AC extension No.${p.number} is still waiting`, body: `The request of ${p.sectionName} (from ${p.firstDate}) has waited for ${p.step === 'endorse' ? 'endorsement' : 'approval'} since ${since}.`, link };
  },

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
  // Meeting rooms (ADR 0017).
  'room.released': (p, locale) => {
    const when = `${formatTokyo(p.startsAt, locale)} – ${formatTokyo(p.endsAt, locale)}`;
    return locale === 'ja'
      ? { title: `会議室の予約を解放しました（${p.roomName}）`, body: `${when}「${p.title}」は開始 ${p.releaseAfterMinutes} 分後までにチェックインがなかったため、自動的に解放されました（不在として記録されます）。`, link: '/rooms/bookings' }
      : { title: `Room booking released (${p.roomName})`, body: `${when} "${p.title}" was not checked in within ${p.releaseAfterMinutes} minutes of the start and was released automatically (recorded as a no-show).`, link: '/rooms/bookings' };
  },
  // High-demand room lottery (ADR 0021).
  'room_lottery.won': (p, locale) => {
    const lines = p.wins.map((w) => `・${formatTokyo(w.startsAt, locale)} – ${formatTokyo(w.endsAt, locale)} ${w.roomName}「${w.title}」${locale === 'ja' ? `（第${w.option}希望）` : ` (choice ${w.option})`}`);
    const deadline = formatTokyo(p.confirmBy, locale);
    return locale === 'ja'
      ? { title: `会議室抽選に当選しました（${p.roundName}）`, body: `${lines.join('\n')}\n${deadline} までに「当選確定」してください。期限までに確定しない場合、予約は解放されます。`, link: '/rooms/lottery' }
      : { title: `You won the room lottery (${p.roundName})`, body: `${lines.join('\n')}\nConfirm by ${deadline}, or the booking is released.`, link: '/rooms/lottery' };
  },
  'room_lottery.lost': (p, locale) =>
    locale === 'ja'
      ? { title: `会議室抽選の結果: 落選（${p.roundName}）`, body: `申込 ${p.requestCount} 件は当選しませんでした。確定期限後、空いている枠は先着予約で予約できます。`, link: '/rooms/lottery' }
      : { title: `Room lottery result: not won (${p.roundName})`, body: `None of your ${p.requestCount} entries won. After the confirmation deadline, free slots open for first-come booking.`, link: '/rooms/lottery' },
  // Garage counter (車庫窓口). Managers' links open the counter; holders' links their trips.
  'garage.alcohol_detected': (p, locale) => {
    const at = formatTokyo(p.checkedAt, locale);
    const phase = locale === 'ja' ? (p.phase === 'pre' ? '乗車前' : '乗車後') : p.phase === 'pre' ? 'before driving' : 'after driving';
    const reading = p.readingMgL.toFixed(2);
    return locale === 'ja'
      ? {
          title: `運転不可: ${p.driverName}さん（${phase}の酒気帯び確認）`,
          body: `${at} ${p.plateNumber} の${phase}確認で運転不可となりました。測定値 ${reading} mg/L、酒気帯び${p.alcoholDetected ? 'あり' : 'なし'}。確認者: ${p.checkerName}\n指示事項: ${p.instructions}`,
          link: '/garage',
        }
      : {
          title: `Not fit to drive: ${p.driverName} (check ${phase})`,
          body: `${at}, ${p.plateNumber}: not fit to drive. Reading ${reading} mg/L, alcohol ${p.alcoholDetected ? 'detected' : 'not detected'}. Checker: ${p.checkerName}\nInstructions: ${p.instructions}`,
          link: '/garage',
        };
  },
  'garage.no_show': (p, locale) => {
    const when = `${formatTokyo(p.startsAt, locale)} – ${formatTokyo(p.endsAt, locale)}`;
    return locale === 'ja'
      ? { title: `公用車予約を解放しました（${p.plateNumber}）`, body: `${when} の予約は、開始から${p.noShowMinutes}分以内に鍵の受け取りがなかったため解放されました（無断キャンセル）。`, link: '/garage/my-trips' }
      : { title: `Car booking released (${p.plateNumber})`, body: `Your booking ${when} was released: the key was not collected within ${p.noShowMinutes} minutes of the start (no-show).`, link: '/garage/my-trips' };
  },
  'garage.late_return': (p, locale) => {
    const at = formatTokyo(p.startsAt, locale);
    const alt = p.alternativePlateNumber;
    return locale === 'ja'
      ? {
          title: `予約車両（${p.plateNumber}）の返却が遅れています`,
          body: `${at} からの予約車両が前の利用者からまだ返却されていません。${alt ? `「自分の運行」画面から同じ車種の空き車両 ${alt} に変更できます。` : '同じ車種の空き車両はありません。車庫窓口にご相談ください。'}`,
          link: `/garage/my-trips#offer-${p.bookingId}`,
        }
      : {
          title: `Your car (${p.plateNumber}) has not been returned yet`,
          body: `The car you booked from ${at} is still out with the previous driver. ${alt ? `A free car of the same class, ${alt}, is available instead: switch on your "My trips" page.` : 'No other car of the same class is free. Please ask the garage counter.'}`,
          link: `/garage/my-trips#offer-${p.bookingId}`,
        };
  },
  'garage.booking_moved': (p, locale) => {
    const when = `${formatTokyo(p.startsAt, locale)} – ${formatTokyo(p.endsAt, locale)}`;
    return locale === 'ja'
      ? { title: `予約車両を ${p.toPlateNumber} に変更しました`, body: `${p.fromPlateNumber} に損傷が報告され使用停止となったため、${when} の予約を同じ車種の ${p.toPlateNumber} に変更しました。`, link: `/cars/bookings/${p.bookingId}` }
      : { title: `Your booking moved to ${p.toPlateNumber}`, body: `${p.fromPlateNumber} was reported damaged and is out of service, so your booking ${when} moved to ${p.toPlateNumber} of the same class.`, link: `/cars/bookings/${p.bookingId}` };
  },
  'garage.car_unavailable': (p, locale) => {
    const when = `${formatTokyo(p.startsAt, locale)} – ${formatTokyo(p.endsAt, locale)}`;
    return locale === 'ja'
      ? { title: `予約車両 ${p.plateNumber} が使用できません`, body: `${p.plateNumber} に損傷が報告され使用停止となりました。${when} の予約に代わりの同じ車種の車両がありません。予約の変更または取消をお願いします。`, link: `/cars/bookings/${p.bookingId}` }
      : { title: `Your booked car ${p.plateNumber} is out of service`, body: `${p.plateNumber} was reported damaged. No other car of the same class is free for your booking ${when}; please change or cancel it.`, link: `/cars/bookings/${p.bookingId}` };
  },
  // Maintenance blocks set by garage administrators (the cars feature moves or flags the bookings).
  'car.block_moved': (p, locale) => {
    const when = `${formatTokyo(p.startsAt, locale)} – ${formatTokyo(p.endsAt, locale)}`;
    const kind = BLOCK_KIND[p.kind][locale];
    return locale === 'ja'
      ? { title: `予約車両を ${p.toPlateNumber} に変更しました`, body: `${p.fromPlateNumber} が${kind}のため使用できなくなったので、${when} の予約を同じ車種の ${p.toPlateNumber} に変更しました。`, link: `/cars/bookings/${p.bookingId}` }
      : { title: `Your booking moved to ${p.toPlateNumber}`, body: `${p.fromPlateNumber} is out for ${kind}, so your booking ${when} moved to ${p.toPlateNumber} of the same class.`, link: `/cars/bookings/${p.bookingId}` };
  },
  'car.block_unavailable': (p, locale) => {
    const when = `${formatTokyo(p.startsAt, locale)} – ${formatTokyo(p.endsAt, locale)}`;
    const kind = BLOCK_KIND[p.kind][locale];
    return locale === 'ja'
      ? { title: `予約車両 ${p.plateNumber} が${kind}のため使用できません`, body: `${when} の予約に、代わりの同じ車種の空き車両がありません。車庫の担当者が調整します。予約の変更または取消もできます。`, link: `/cars/bookings/${p.bookingId}` }
      : { title: `Your booked car ${p.plateNumber} is out for ${kind}`, body: `No other car of the same class is free for your booking ${when}. The garage will arrange it; you can also change or cancel the booking.`, link: `/cars/bookings/${p.bookingId}` };
  },
  'garage.detector_overdue': (p, locale) =>
    locale === 'ja'
      ? { title: `検知器 ${p.serialNumber} の点検が必要です`, body: `${p.location} のアルコール検知器 ${p.serialNumber} は週次点検の期限切れ等のため選択できません（${p.reasons.join('、')}）。点検を記録してください。`, link: '/garage/detectors' }
      : { title: `Detector ${p.serialNumber} needs inspection`, body: `The alcohol detector ${p.serialNumber} at ${p.location} cannot be selected (${p.reasons.join(', ')}). Record an inspection.`, link: '/garage/detectors' },

  // Official cars: the driver opens their registration; garage administrators the driver register.
  'driver.licence_expiring': (p, locale) => {
    const link = p.audience === 'driver' ? '/cars/driver' : '/cars/admin/drivers';
    if (locale === 'ja') {
      const left = p.daysLeft === 0 ? '本日で期限切れとなります' : `あと${p.daysLeft}日で期限切れとなります`;
      return p.audience === 'driver'
        ? { title: '運転免許の有効期限が近づいています', body: `登録されている運転免許の有効期限は ${p.licenceExpiresOn} です（${left}）。更新後、新しい免許証で運転者登録を更新してください。期限を過ぎると公用車を運転できません。`, link }
        : { title: `${p.driverName}さんの運転免許の有効期限が近づいています`, body: `運転者 ${p.driverName}さんの運転免許の有効期限は ${p.licenceExpiresOn} です（${left}）。更新後の運転者登録の確認をお願いします。`, link };
    }
    const left = p.daysLeft === 0 ? 'it expires today' : `${p.daysLeft} day${p.daysLeft === 1 ? '' : 's'} left`;
    return p.audience === 'driver'
      ? { title: 'Your driving licence expires soon', body: `Your registered driving licence is valid until ${p.licenceExpiresOn} (${left}). After renewing it, update your driver registration with the new licence; after that date you cannot drive official cars.`, link }
      : { title: `${p.driverName}'s driving licence expires soon`, body: `The driving licence of ${p.driverName} is valid until ${p.licenceExpiresOn} (${left}). Please check the driver's registration once it is renewed.`, link };
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
