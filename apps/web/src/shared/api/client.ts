import { errorMessage, type ErrorBody, type Locale } from '@rr/contracts';

/** A failed API call: `message` is already in the user's language (the API localises it). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0: the request never reached the API (offline, proxy down). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

// The CSRF token comes from the session (login or GET /api/auth/me) and goes on every write.
let csrfToken: string | null = null;
let currentLocale: () => Locale = () => 'ja';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Lets the i18n module tell the client which language to ask the API for. */
export function setLocaleProvider(provider: () => Locale): void {
  currentLocale = provider;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x`, skipping empty values; '' when nothing is left. */
export function toQueryString(params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as-is with `contentType` (e.g. CSV text). */
  text?: string;
  contentType?: string;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).code === 'string';
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (!text) return undefined;
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function fallbackCode(status: number): string {
  if (status === 401) return 'AUTH_REQUIRED';
  if (status === 403) return 'AUTH_FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL_ERROR';
  return 'VALIDATION_FAILED';
}

/** Calls the API under /api; resolves with the parsed body or throws an {@link ApiError}. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const locale = currentLocale();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'text/plain';
    body = options.text;
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, errorMessage('SERVICE_UNAVAILABLE', locale));
  }

  const parsed = await readBody(response);
  if (!response.ok) {
    if (isErrorBody(parsed)) {
      throw new ApiError(
        response.status,
        parsed.code,
        parsed.message || errorMessage(parsed.code, locale),
        parsed.requestId,
        parsed.details,
      );
    }
    const code = fallbackCode(response.status);
    throw new ApiError(response.status, code, errorMessage(code, locale));
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, json?: unknown) => apiRequest<T>(path, { method: 'POST', json: json ?? {} }),
  patch: <T>(path: string, json: unknown) => apiRequest<T>(path, { method: 'PATCH', json }),
  put: <T>(path: string, json: unknown) => apiRequest<T>(path, { method: 'PUT', json }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

/** A URL the browser opens itself (downloads, SSO redirects), with the same query rules. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return `/api${path}${toQueryString(query)}`;
}
