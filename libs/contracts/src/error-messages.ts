/**
 * Every error code the API returns, with its message in Japanese and English. The API picks the
 * language from Accept-Language (or the user's setting); the web shows the same text.
 * `{name}` placeholders are filled from the error's params.
 */
import { AC_ERROR_MESSAGES } from './error-messages-ac';
import { GARAGE_ERROR_MESSAGES } from './error-messages-garage';

export const ERROR_MESSAGES = {
  ...GARAGE_ERROR_MESSAGES,
  ...AC_ERROR_MESSAGES,
  VALIDATION_FAILED: { ja: '入力内容に誤りがあります。', en: 'The request is invalid.' },
  MALFORMED_JSON: { ja: 'リクエストの JSON を読み取れません。', en: 'The request body is not valid JSON.' },
  PAYLOAD_TOO_LARGE: { ja: 'リクエストが大きすぎます。', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { ja: 'このデータ形式には対応していません。', en: 'This content type is not supported.' },
  NOT_FOUND: { ja: '指定されたページまたはデータが見つかりません。', en: 'Not found.' },
  METHOD_NOT_ALLOWED: { ja: 'この操作はできません。', en: 'This method is not allowed.' },
  INTERNAL_ERROR: { ja: 'システムエラーが発生しました。時間をおいて再度お試しください。', en: 'An internal error occurred. Please try again later.' },
  SERVICE_UNAVAILABLE: { ja: 'サービスが一時的に利用できません。', en: 'The service is temporarily unavailable.' },
  RATE_LIMITED: { ja: 'リクエストが多すぎます。しばらくしてから再度お試しください。', en: 'Too many requests. Please wait and try again.' },
  AUTH_REQUIRED: { ja: 'ログインしてください。', en: 'Please sign in.' },
  AUTH_INVALID_CREDENTIALS: { ja: 'ユーザー名またはパスワードが正しくありません。', en: 'The username or password is incorrect.' },
  AUTH_LOCKED: { ja: 'ログインに続けて失敗したため、アカウントを一時的にロックしました。{minutes}分後に再度お試しください。', en: 'Too many failed sign-ins: the account is locked. Try again in {minutes} minutes.' },
  AUTH_INACTIVE: { ja: 'このアカウントは利用停止中です。', en: 'This account is disabled.' },
  AUTH_CSRF: { ja: 'セッションの確認に失敗しました。ページを再読み込みしてください。', en: 'Security check failed. Please reload the page.' },
  AUTH_FORBIDDEN: { ja: 'この操作を行う権限がありません。', en: 'You do not have permission to do this.' },
  AUTH_OIDC_DISABLED: { ja: 'シングルサインオンは設定されていません。', en: 'Single sign-on is not configured.' },
  AUTH_OIDC_FAILED: { ja: 'シングルサインオンに失敗しました。', en: 'Single sign-on failed.' },
  AUTH_OIDC_NO_USER: { ja: 'シングルサインオンの利用者に対応する職員が登録されていません。', en: 'No staff account matches the single sign-on user.' },
  ORG_DEPARTMENT_NOT_FOUND: { ja: '局・区役所が見つかりません。', en: 'Department not found.' },
  ORG_SECTION_NOT_FOUND: { ja: '課が見つかりません。', en: 'Section not found.' },
  ORG_USER_NOT_FOUND: { ja: '職員が見つかりません。', en: 'User not found.' },
  ORG_DUPLICATE: { ja: '{field} がすでに使われています。', en: '{field} is already in use.' },
  ORG_IN_USE: { ja: '使用中のため削除できません。', en: 'It is in use and cannot be deleted.' },
  ORG_ABSENCE_OVERLAP: { ja: '不在期間が既存の期間と重なっています。', en: 'The absence overlaps an existing one.' },
  ORG_DEPUTY_SELF: { ja: '本人を代決者に指定することはできません。', en: 'An approver cannot be their own deputy.' },
  ORG_CSV_INVALID: { ja: 'CSV の {line} 行目に誤りがあります: {reason}', en: 'CSV line {line} is invalid: {reason}' },
  CALENDAR_DAY_EXISTS: { ja: 'その日はすでに閉庁日として登録されています。', en: 'That day is already a closed day.' },
  NOTIFICATION_NOT_FOUND: { ja: '通知が見つかりません。', en: 'Notification not found.' },
  NOTIFICATION_DELIVERY_NOT_FOUND: { ja: '通知の配信記録が見つかりません。', en: 'Notification delivery not found.' },
  NOTIFICATION_NOT_DEAD: { ja: 'この配信は再送待ちではないため、再送できません。', en: 'Only a dead-lettered delivery can be retried.' },
  NOTIFICATION_DIGEST_NOT_AVAILABLE: { ja: '日次まとめは承認者のみ設定できます。', en: 'Only approvers can choose the daily digest.' },
  NOTIFICATION_WEBHOOK_HOST_NOT_ALLOWED: { ja: 'この Webhook の送信先は許可されていません。', en: 'This webhook host is not allowed.' },
  NOTIFICATION_TYPE_NOT_CONFIGURABLE: { ja: 'この通知種別の設定は変更できません: {type}', en: 'This notification type cannot be configured: {type}' },
  ORG_ABSENCE_NOT_FOUND: { ja: '不在期間が見つかりません。', en: 'Absence not found.' },
  CALENDAR_DAY_NOT_FOUND: { ja: 'その日は閉庁日として登録されていません。', en: 'That day is not a registered closed day.' },
  CALENDAR_RANGE_UNSUPPORTED: { ja: '祝日データは {first} 年から {last} 年までです。この期間は表示できません。', en: 'Holiday data covers {first}–{last} only; this range cannot be shown.' },
  CAR_NOT_FOUND: { ja: '車両が見つかりません。', en: 'Car not found.' },
  CAR_GARAGE_NOT_FOUND: { ja: '駐車場が見つかりません。', en: 'Garage not found.' },
  CAR_POOL_NOT_FOUND: { ja: '車両プールが見つかりません。', en: 'Car pool not found.' },
  CAR_CLASS_NOT_FOUND: { ja: '車種が見つかりません。', en: 'Car class not found.' },
  CAR_BLOCK_NOT_FOUND: { ja: '使用停止期間（車検・点検・修理）が見つかりません。', en: 'Maintenance block not found.' },
  CAR_BOOKING_NOT_FOUND: { ja: '公用車の予約が見つかりません。', en: 'Car booking not found.' },
  CAR_DRIVER_NOT_FOUND: { ja: '運転者登録が見つかりません。', en: 'Driver registration not found.' },
  CAR_DRIVER_USER_NOT_FOUND: { ja: '職員が見つかりません。', en: 'User not found.' },
  CAR_DUPLICATE: { ja: '{field} がすでに使われています。', en: '{field} is already in use.' },
  CAR_IN_USE: { ja: '予約などで使用されているため削除できません。', en: 'It is referenced by bookings or cars and cannot be deleted.' },
  CAR_RETIRED: { ja: 'この車両は使用を終了しているため予約できません。', en: 'This car is retired and cannot be booked.' },
  CAR_BLOCKED: { ja: 'この車両はその時間帯に車検・点検・修理等のため使用できません。', en: 'This car is out of service (maintenance) at that time.' },
  CAR_BLOCK_OVERLAP: { ja: '同じ車両の使用停止期間と重なっています。', en: 'The block overlaps another block of the same car.' },
  CAR_TIME_INVALID_RANGE: { ja: '終了日時は開始日時より後にしてください。', en: 'The end must be after the start.' },
  CAR_TIME_OFF_GRID: { ja: '日時は15分単位（00・15・30・45分）で指定してください。', en: 'Times must be on the 15-minute grid (:00, :15, :30, :45).' },
  CAR_BOOKING_CAR_TAKEN: { ja: '重複予約があります。この車両はその時間帯にすでに予約されています。', en: 'Overlapping booking: this car is already booked at that time.' },
  CAR_BOOKING_DRIVER_OVERLAP: { ja: '重複予約があります。この運転者はその時間帯に別の予約があります。', en: 'Overlapping booking: this driver already has a booking at that time.' },
  CAR_BOOKING_CLASS_FULL: { ja: '指定の車種にはその時間帯に空いている車両がありません。', en: 'No car of that class is free at that time.' },
  CAR_BOOKING_IN_PAST: { ja: '過去の日時は予約できません。', en: 'A booking cannot start in the past.' },
  CAR_BOOKING_TOO_LONG: { ja: '1回の予約は最長 {hours} 時間までです。', en: 'A booking may last at most {hours} hours.' },
  CAR_BOOKING_OUTSIDE_HOURS: { ja: '予約できる時間帯は {from}〜{until} です。', en: 'Bookings must start and end between {from} and {until}.' },
  CAR_BOOKING_BEYOND_HORIZON: { ja: '予約は {months} か月先（{lastDate}）までです。', en: 'Bookings open {months} month(s) ahead, up to {lastDate}.' },
  CAR_BOOKING_CLOSED: { ja: 'この期間は先着予約の受付期間外です。', en: 'First-come booking is not open for this period.' },
  CAR_BOOKING_NOT_HOLDER: { ja: '他の職員の予約は参照・変更できません。', en: "You cannot view or change someone else's booking." },
  CAR_BOOKING_NOT_EDITABLE: { ja: 'この予約は変更できません（開始済み・取消済み、または抽選による予約です）。', en: 'This booking cannot be changed (started, cancelled, or allocated by lottery).' },
  CAR_BOOKING_NOT_CANCELLABLE: { ja: 'この予約は取り消せません（開始済みまたは取消済みです）。', en: 'This booking cannot be cancelled (already started or cancelled).' },
  CAR_BOOKING_DRIVER_OTHER_SECTION: { ja: '運転者には自分の課の職員のみ指定できます。', en: 'You can only name a driver from your own section.' },
  CAR_BOOKING_BUSY: { ja: '予約が混み合っています。もう一度お試しください。', en: 'Bookings are busy. Please try again.' },
  CAR_DRIVER_NOT_REGISTERED: { ja: '運転者登録がありません。公用車を運転するには運転者登録と許可が必要です。', en: 'Not a registered driver. Official cars need a driver registration and permission.' },
  CAR_DRIVER_NOT_ELIGIBLE: { ja: 'この運転者は公用車を運転できません（運転許可がない、または運転免許の有効期限が切れています）。', en: 'This driver may not drive official cars (no permission, or the licence has expired).' },
  CAR_TOO_MANY_PASSENGERS: { ja: '乗車定員（{seats}人）を超えています。', en: 'Exceeds the seating capacity ({seats}).' },
  CAR_SETTINGS_INVALID: { ja: '設定値に誤りがあります: {reason}', en: 'Invalid setting: {reason}' },
  // Car lottery (抽選): docs/adr/0010-lottery-rounds.md.
  LOTTERY_ROUND_NOT_FOUND: { ja: '抽選回が見つかりません。', en: 'Lottery round not found.' },
  LOTTERY_REQUEST_NOT_FOUND: { ja: '抽選申込が見つかりません。', en: 'Lottery entry not found.' },
  LOTTERY_WINDOW_NOT_OPEN: { ja: '申込期間はまだ始まっていません（受付開始: {opensAt}）。', en: 'Entries are not open yet (they open {opensAt}).' },
  LOTTERY_WINDOW_CLOSED: { ja: '申込期間は終了しました。抽選申込の新規・変更・取下げはできません。', en: 'The entry window has closed: entries can no longer be made, changed or withdrawn.' },
  LOTTERY_TOO_MANY_OPTIONS: { ja: '希望は1件の申込につき{max}つまでです。', en: 'An entry may have at most {max} choices.' },
  LOTTERY_OUTSIDE_PERIOD: { ja: '日時が抽選の対象期間（{from}〜{to}）の外です。', en: 'The time is outside the lottery period ({from} – {to}).' },
  LOTTERY_UNKNOWN_CLASS: { ja: 'この車両プールに指定の車種の車両がありません: {classCode}', en: 'This car pool has no car of class {classCode}.' },
  LOTTERY_USER_CAP: { ja: '申込上限: 1回の抽選で申し込めるのは1人{cap}件までです。', en: 'Entry cap: at most {cap} entries per person in one round.' },
  LOTTERY_SECTION_CAP: { ja: '申込上限: 1回の抽選で1つの課から申し込めるのは{cap}件までです。', en: 'Entry cap: at most {cap} entries per section in one round.' },
  LOTTERY_OPTIONS_ALL_BUSY: { ja: '運転者はすべての希望日時に別の予約があります。重ならない日時を希望に入れてください。', en: 'The driver already has a booking at every chosen time. Add a choice that does not overlap.' },
  LOTTERY_NOT_OWNER: { ja: '他の職員の抽選申込・当選は参照・変更できません。', en: "You cannot view or change someone else's lottery entry or win." },
  LOTTERY_NOT_DRAWN: { ja: 'まだ抽選が行われていません。', en: 'The draw has not taken place yet.' },
  LOTTERY_NOT_FROZEN: { ja: '申込期間が終了していないため、まだ公開されていません。', en: 'Not published yet: the entry window has not closed.' },
  LOTTERY_ALREADY_DRAWN: { ja: '抽選はすでに行われました。', en: 'The draw has already taken place.' },
  LOTTERY_NOT_A_WIN: { ja: 'この申込には確定・辞退できる当選がありません。', en: 'This entry has no win to confirm or decline.' },
  LOTTERY_CONFIRM_CLOSED: { ja: '当選確定期限（{deadline}）を過ぎています。', en: 'The confirmation deadline ({deadline}) has passed.' },
  LOTTERY_ROUND_OVERLAP: { ja: '同じ車両プールの別の抽選回と対象期間が重なっています。', en: 'Another round of the same car pool covers an overlapping period.' },
  LOTTERY_SCHEDULE_INVALID: { ja: '抽選の日程に誤りがあります: {reason}', en: 'Invalid lottery schedule: {reason}' },
  LOTTERY_EXTERNAL_VALUE_SET: { ja: '外部乱数値はすでに入力されています（変更できません）。', en: 'The external random value has already been entered (it cannot be changed).' },
  LOTTERY_REORDER_MISMATCH: { ja: '並べ替えには、この抽選回の自分の申込をすべて1回ずつ指定してください。', en: 'List each of your entries in this round exactly once to reorder them.' },
  LOTTERY_CAR_NOT_IN_POOL: { ja: 'この車両は抽選回の車両プールに属していません。', en: "This car is not in the round's car pool." },
  LOTTERY_RECORD_INVALID: { ja: '抽選記録を検証できません（形式が正しくありません）: {reason}', en: 'The draw record cannot be verified (invalid format): {reason}' },
  LOTTERY_RECORD_MISMATCH: { ja: '抽選記録が再計算の結果と一致しません（{path}）。改ざんまたは破損の可能性があります。', en: 'The draw record does not match a re-run of the draw (at {path}): it was altered or damaged.' },
  LOTTERY_SETTINGS_INVALID: { ja: '抽選の設定値に誤りがあります: {reason}', en: 'Invalid lottery setting: {reason}' },
  // Meeting spaces (会議室): docs/adr/0012-room-bookings.md.
  ROOM_NOT_FOUND: { ja: '会議室が見つかりません。', en: 'Room not found.' },
  ROOM_BLOCK_NOT_FOUND: { ja: '会議室の利用停止期間が見つかりません。', en: 'Room block not found.' },
  ROOM_BOOKING_NOT_FOUND: { ja: '会議室の予約が見つかりません。', en: 'Room booking not found.' },
  ROOM_ORGANISER_NOT_FOUND: { ja: '利用責任者に指定した職員が見つかりません（または利用停止中です）。', en: 'The organiser was not found or is disabled.' },
  ROOM_DUPLICATE: { ja: '同じ建物に同じ名前の会議室があります。', en: 'A room with this name already exists in the building.' },
  ROOM_IN_USE: { ja: '予約のある会議室は削除できません。利用停止（無効）にしてください。', en: 'A room with bookings cannot be deleted; deactivate it instead.' },
  ROOM_INACTIVE: { ja: 'この会議室は現在利用できません。', en: 'This room is not available for booking.' },
  ROOM_BLOCKED: { ja: 'この会議室はその時間帯に利用停止中です。', en: 'This room is blocked at that time.' },
  ROOM_SETTINGS_INVALID: { ja: '会議室の設定値に誤りがあります: {reason}', en: 'Invalid room setting: {reason}' },
  ROOM_TIME_INVALID_RANGE: { ja: '終了日時は開始日時より後にしてください。', en: 'The end must be after the start.' },
  ROOM_TIME_OFF_GRID: { ja: '日時は15分単位（00・15・30・45分）で指定してください。', en: 'Times must be on the 15-minute grid (:00, :15, :30, :45).' },
  ROOM_BOOKING_CONFLICT: { ja: 'この時間帯はすでに予約されています。', en: 'This room is already booked at that time.' },
  ROOM_CAPACITY_EXCEEDED: { ja: '参加人数が会議室の定員（{capacity}人）を超えています。', en: 'The attendees exceed the room capacity ({capacity}).' },
  ROOM_BOOKING_IN_PAST: { ja: '過去の日時は予約できません。', en: 'A booking cannot start in the past.' },
  ROOM_BOOKING_TOO_LONG: { ja: 'この会議室の1回の予約は最長 {hours} 時間までです。', en: 'This room may be booked for at most {hours} hours at a time.' },
  ROOM_BOOKING_OUTSIDE_HOURS: { ja: 'この会議室を予約できる時間帯は {from}〜{until} です。', en: 'This room can be booked between {from} and {until} on one day.' },
  ROOM_BOOKING_BEYOND_HORIZON: { ja: 'この会議室の予約は {months} か月先（{lastDate}）までです。', en: 'This room can be booked {months} month(s) ahead, up to {lastDate}.' },
  ROOM_BOOKING_NOT_HOLDER: { ja: '他の職員の予約は参照・変更できません。', en: "You cannot view or change someone else's booking." },
  ROOM_BOOKING_NOT_EDITABLE: { ja: 'この予約は変更できません（開始済みまたは取消済みです）。', en: 'This booking cannot be changed (already started or cancelled).' },
  ROOM_BOOKING_NOT_CANCELLABLE: { ja: 'この予約は取り消せません（開始済みまたは取消済みです）。', en: 'This booking cannot be cancelled (already started or cancelled).' },
  ROOM_BOOKING_BUSY: { ja: '予約が混み合っています。もう一度お試しください。', en: 'Bookings are busy. Please try again.' },
  ROOM_RRULE_INVALID: { ja: '繰り返しの指定（RRULE）に誤りがあります: {reason}', en: 'Invalid recurrence rule (RRULE): {reason}' },
  ROOM_RRULE_TOO_MANY: { ja: '繰り返し予約は1回の登録で {max} 回までです（指定: {count} 回以上）。', en: 'A recurring booking may have at most {max} occurrences (this rule has {count} or more).' },
  ROOM_SERIES_NOT_FOUND: { ja: '繰り返し予約が見つかりません。', en: 'Recurring booking not found.' },
  ROOM_SERIES_NO_OCCURRENCE: { ja: '指定した日以降に変更・取消できる回がありません。', en: 'There is no occurrence on or after that date that can still be changed or cancelled.' },
  ROOM_CHECK_IN_NOT_OPEN: { ja: 'チェックインできるのは開始 {before} 分前から開始 {after} 分後までです。', en: 'Check-in is open from {before} minutes before to {after} minutes after the start.' },
  ROOM_CHECK_IN_NO_BOOKING: { ja: 'この会議室に、今チェックインできるあなたの予約はありません。', en: 'You have no booking of this room that can be checked in now.' },
  ROOM_CHECK_IN_NOT_ACTIVE: { ja: 'この予約にはチェックインできません（取消済みまたは解放済みです）。', en: 'This booking cannot be checked in (cancelled or released).' },
  ROOM_FEED_NOT_FOUND: { ja: 'カレンダー配信のURLが無効です（再発行または停止されています）。', en: 'This calendar feed URL is not valid (it was rotated or revoked).' },
  // High-demand room lottery (ADR 0021).
  ROOM_LOTTERY_PERIOD: { ja: 'この会議室のこの時間帯は抽選期間中です（{firstComeAt} から先着予約できます）。抽選に申し込んでください。', en: 'This room is in a lottery period for that time (first-come booking opens at {firstComeAt}). Please apply to the lottery.' },
  ROOM_LOTTERY_ROUND_NOT_FOUND: { ja: '会議室抽選の回が見つかりません。', en: 'Room lottery round not found.' },
  ROOM_LOTTERY_REQUEST_NOT_FOUND: { ja: '会議室抽選の申込が見つかりません。', en: 'Room lottery entry not found.' },
  ROOM_LOTTERY_NOT_HIGH_DEMAND: { ja: '抽選の対象外の会議室が含まれています。', en: 'A room that is not a high-demand (lottery) room was given.' },
  ROOM_LOTTERY_NOT_IN_ROUND: { ja: 'この会議室はこの抽選の対象ではありません。', en: 'This room is not part of this lottery round.' },
  ROOM_LOTTERY_WINDOW_CLOSED: { ja: '申込受付期間外です。', en: 'The application window is not open.' },
  ROOM_LOTTERY_OUTSIDE_PERIOD: { ja: '希望日時は抽選対象期間（{from} – {to}）内で指定してください。', en: 'Each choice must lie within the lottery period ({from} – {to}).' },
  ROOM_LOTTERY_TOO_MANY_OPTIONS: { ja: '希望は{max}つまでです。', en: 'At most {max} choices are allowed.' },
  ROOM_LOTTERY_SCHEDULE_INVALID: { ja: '抽選の日程が正しくありません: {reason}', en: 'Invalid lottery schedule: {reason}' },
  ROOM_LOTTERY_NOT_OWNER: { ja: 'この申込を操作する権限がありません。', en: 'You cannot change this entry.' },
  ROOM_LOTTERY_NOT_A_WIN: { ja: 'この申込は確定・辞退できる当選ではありません。', en: 'This entry is not a win that can be confirmed or declined.' },
  ROOM_LOTTERY_CONFIRM_CLOSED: { ja: '確定期限（{deadline}）を過ぎています。', en: 'The confirmation deadline ({deadline}) has passed.' },
} as const satisfies Record<string, { ja: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type Locale = 'ja' | 'en';

/** Fills a message template; unknown codes fall back to a generic message rather than leaking. */
export function errorMessage(code: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry = (ERROR_MESSAGES as Record<string, { ja: string; en: string }>)[code] ?? ERROR_MESSAGES.INTERNAL_ERROR;
  return entry[locale].replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}

/** Picks ja or en from an Accept-Language header; Japanese first. */
export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'ja';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}

/** Body of every error response. */
export interface ErrorBody {
  code: string;
  message: string;
  requestId?: string;
  details?: unknown;
}
