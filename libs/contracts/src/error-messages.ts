/**
 * Every error code the API returns, with its message in Japanese and English. The API picks the
 * language from Accept-Language (or the user's setting); the web shows the same text.
 * `{name}` placeholders are filled from the error's params.
 */
export const ERROR_MESSAGES = {
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
