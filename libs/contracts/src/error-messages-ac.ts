/** Error codes of after-hours AC extension (空調延長, issue #7), merged into ERROR_MESSAGES. */
export const AC_ERROR_MESSAGES = {
  // Rules (libs/domain/src/ac-extension, AC_ERROR_CODES).
  AC_INVALID_TIME: { ja: '時刻は HH:mm 形式（00:00〜24:00）で入力してください。', en: 'Enter times as HH:mm (00:00–24:00).' },
  AC_OFF_GRID: {
    ja: '延長時間帯は30分単位（:00 または :30）で入力してください（通常の空調終了時刻 17:15 などは可）。',
    en: 'Use 30-minute steps (:00 or :30) for the extension period; the normal AC end time (e.g. 17:15) is also allowed.',
  },
  AC_INVALID_RANGE: { ja: '終了時刻は開始時刻より後にしてください。', en: 'The end time must be after the start time.' },
  AC_NO_EXTENSION: {
    ja: '指定の時間帯は通常の空調運転時間内のため、延長の必要がありません。',
    en: 'The period lies within the normal AC hours: there is nothing to extend.',
  },
  AC_INVALID_DATE: { ja: '対象日の形式が正しくありません（YYYY-MM-DD）。', en: 'A date is not valid (YYYY-MM-DD).' },
  AC_NO_DATES: { ja: '対象日を1日以上選んでください。', en: 'Choose at least one date.' },
  AC_DUPLICATE_DATE: { ja: '同じ対象日が重複しています。', en: 'The same date is listed twice.' },
  AC_NO_ZONES: { ja: '対象区域を1つ以上選んでください。', en: 'Choose at least one zone.' },
  AC_DUPLICATE_ZONE: { ja: '同じ対象区域が重複しています。', en: 'The same zone is listed twice.' },
  AC_UNKNOWN_ZONE: { ja: '存在しない対象区域が指定されています。', en: 'A zone does not exist.' },
  AC_INVALID_HEADCOUNT: { ja: '利用予定人数は1〜{max}人で入力してください。', en: 'Expected headcount must be between 1 and {max}.' },
  AC_INVALID_REASON: { ja: '申請理由の区分が正しくありません。', en: 'The reason category is not valid.' },
  AC_REASON_TEXT_REQUIRED: {
    ja: '申請理由（具体的な内容）を{max}文字以内で入力してください。',
    en: 'Describe the reason (up to {max} characters).',
  },
  AC_DEADLINE_PASSED: {
    ja: '申請期限を過ぎています。期限後の申請は緊急の理由（議会対応・災害対応など）がある場合に限られます。',
    en: 'The application deadline has passed. Late requests are accepted only for an urgent reason (council work, disaster response, …).',
  },
  AC_ALREADY_OVER: { ja: '対象の時間帯はすでに終了しています。', en: 'The requested period is already over.' },
  AC_COMMENT_REQUIRED: { ja: '差戻し・却下の理由（コメント）を入力してください。', en: 'Give a comment when sending back or rejecting.' },
  AC_INVALID_SETTING: { ja: '空調延長の設定に誤りがあります。総務課に連絡してください。', en: 'The AC extension settings are invalid. Please contact General Affairs.' },
  AC_NO_RATE: {
    ja: '対象日に有効な単価が登録されていない区域があります。総務課に連絡してください。',
    en: 'No hourly rate is valid on that date for a zone. Please contact General Affairs.',
  },
  AC_INVALID_TRANSITION: {
    ja: 'この申請は現在の状態ではその操作ができません（すでに処理済みの可能性があります）。',
    en: 'This request cannot take that action in its current state (it may already have been processed).',
  },
  AC_NOT_ALLOWED: { ja: 'この申請に対してその操作を行う権限がありません。', en: 'You are not allowed to take that action on this request.' },
  AC_CANCEL_REASON_REQUIRED: { ja: '取消しの理由を入力してください。', en: 'Give a reason for the cancellation.' },
  AC_CANCEL_TOO_LATE: {
    ja: '延長運転がすでに始まっている（または終わっている）ため、取り消せません。',
    en: 'The extension has already started (or is over), so it can no longer be cancelled.',
  },
  // Server.
  AC_PAST_DATE: { ja: '過去の日付は申請できません。', en: 'Dates in the past cannot be requested.' },
  AC_STALE: {
    ja: 'この申請は他の人によって更新されました。画面を再読み込みして最新の状態を確認してください。',
    en: 'Someone else has updated this request. Reload to see its current state.',
  },
  AC_BUSY: { ja: '混み合っています。もう一度お試しください。', en: 'The system is busy. Please try again.' },
  AC_REQUEST_NOT_FOUND: { ja: '空調延長申請が見つかりません。', en: 'AC extension request not found.' },
  AC_ZONE_NOT_FOUND: { ja: '対象区域が見つかりません。', en: 'Zone not found.' },
  AC_BUILDING_NOT_FOUND: { ja: '建物が見つかりません。', en: 'Building not found.' },
  AC_FLOOR_NOT_FOUND: { ja: 'フロアが見つかりません。', en: 'Floor not found.' },
  AC_DUPLICATE: { ja: '{field} がすでに使われています。', en: '{field} is already in use.' },
  AC_RATE_EXISTS: { ja: 'その適用開始日の単価はすでに登録されています。', en: 'A rate from that date already exists.' },
} satisfies Record<string, { ja: string; en: string }>;
