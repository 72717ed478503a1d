import { Inject, Injectable } from '@nestjs/common';
import type { Locale, NotificationPayloads, NotificationType } from '@rr/contracts';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { absoluteLink } from '../../templates/email-template';
import { renderNotification } from '../../templates/notification-templates';
import { DELIVERY_HEADER, signWebhook } from './webhook-signature';

export class WebhookError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

export interface WebhookInput {
  url: string;
  /** Stable across attempts (`notification:<id>:webhook`), for receivers that de-duplicate. */
  idempotencyKey: string;
  notificationId: string;
  type: NotificationType;
  payload: Record<string, unknown>;
  createdAt: Date;
  recipient: { id: string; name: string; locale: Locale };
}

/** True when the URL's host may receive webhooks (empty allow-list = any, for development). */
export function webhookHostAllowed(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (allowedHosts.length === 0) return true;
  const host = parsed.hostname.toLowerCase();
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/**
 * The webhook channel for chat tools: POSTs JSON with `text` (what Slack/Teams-style incoming
 * webhooks show) plus structured fields, signed with HMAC-SHA256; no redirects are followed.
 * 2xx = delivered; 408, 429, 5xx, timeouts and network errors are retried; other 4xx are final.
 */
@Injectable()
export class WebhookChannel {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(input: WebhookInput, now: Date = new Date()): Promise<string> {
    const { secret, timeoutMs, allowedHosts } = this.config.notifications.webhook;
    if (!webhookHostAllowed(input.url, allowedHosts)) throw new WebhookError(`webhook host not allowed: ${safeHost(input.url)}`, true);
    const rendered = renderNotification(input.type, input.payload as NotificationPayloads[NotificationType], input.recipient.locale);
    const link = absoluteLink(rendered.link, this.config.api.publicUrl);
    const body = JSON.stringify({
      text: `${rendered.title}\n${rendered.body}${link ? `\n${link}` : ''}`.trim(),
      id: input.idempotencyKey,
      notificationId: input.notificationId,
      type: input.type,
      title: rendered.title,
      body: rendered.body,
      link,
      createdAt: input.createdAt.toISOString(),
      recipient: { id: input.recipient.id, displayName: input.recipient.name },
    });
    let response: Response;
    try {
      response = await fetch(input.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'chonai-rr-notifications/1',
          [DELIVERY_HEADER]: input.idempotencyKey,
          'x-rr-signature': signWebhook(secret, body, now),
        },
        body,
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new WebhookError(name === 'TimeoutError' || name === 'AbortError' ? `webhook timeout after ${timeoutMs} ms` : `webhook request failed: ${(error as Error).message}`, false);
    }
    // The body is not needed; drain it so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return `HTTP ${response.status}`;
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    throw new WebhookError(`webhook answered HTTP ${response.status}`, !retryable);
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
