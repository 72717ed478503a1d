import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Locale, NotificationPayloads, NotificationType } from '@rr/contracts';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { hostname } from 'node:os';
import { emailContent } from '../../templates/email-template';
import { renderNotification } from '../../templates/notification-templates';
import { buildMimeMessage, MimeAddress } from './mime-message';
import { SmtpPool } from './smtp-pool';

export interface EmailMessageInput {
  notificationId: string;
  type: NotificationType;
  payload: Record<string, unknown>;
  createdAt: Date;
  to: { address: string; name: string; locale: Locale };
}

export interface ComposedEmail {
  envelope: { from: string; to: string[] };
  body: Buffer;
  /** Also the delivery's receipt: the same for every attempt, so a receiving system can de-duplicate. */
  messageId: string;
}

/** `Name <addr>` or a bare address, as SMTP_FROM may be written. */
export function parseMailbox(value: string): MimeAddress {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  return match ? { name: match[1].replace(/^"|"$/g, ''), address: match[2].trim() } : { name: '', address: value.trim() };
}

/** The e-mail channel: templates in the recipient's language, plain text + HTML, sent over pooled SMTP. */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private readonly pool: SmtpPool;
  private readonly from: MimeAddress;
  private readonly messageIdDomain: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const smtp = config.notifications.smtp;
    this.pool = new SmtpPool({ url: smtp.url, size: smtp.poolSize, timeoutMs: smtp.timeoutMs, tlsRejectUnauthorized: smtp.tlsRejectUnauthorized, clientName: hostname() });
    this.from = parseMailbox(smtp.from);
    this.messageIdDomain = this.from.address.split('@')[1] || 'chonai-rr.localhost';
  }

  compose(input: EmailMessageInput): ComposedEmail {
    const rendered = renderNotification(input.type, input.payload as NotificationPayloads[NotificationType], input.to.locale);
    const content = emailContent(rendered, input.to.name, input.to.locale, this.config.api.publicUrl);
    const messageId = `<${input.notificationId}.email@${this.messageIdDomain}>`;
    const body = buildMimeMessage({
      from: this.from,
      to: { name: input.to.name, address: input.to.address },
      subject: content.subject,
      text: content.text,
      html: content.html,
      messageId,
      date: input.createdAt,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-RR-Notification-Id': input.notificationId, 'X-RR-Notification-Type': input.type },
      boundaryKey: input.notificationId,
    });
    return { envelope: { from: this.from.address, to: [input.to.address] }, body, messageId };
  }

  /** Sends; `onCommitPoint` fires synchronously as the final dot leaves (see SmtpPool). */
  send(email: ComposedEmail, onCommitPoint: () => void): Promise<string> {
    return this.pool.send(email.envelope, email.body, onCommitPoint);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}
