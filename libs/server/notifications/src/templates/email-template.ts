import type { Locale } from '@rr/contracts';
import type { RenderedNotification } from './notification-templates';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const PRODUCT = { ja: '庁内リソース予約', en: 'Office Resource Booking' } as const;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Makes an in-app path absolute against the public URL; anything else is dropped. */
export function absoluteLink(link: string | null, publicUrl: string): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  // Appended, not resolved: a PUBLIC_URL served under a path (https://host/rr) keeps its path.
  return new URL(`${publicUrl.replace(/\/+$/, '')}${link}`).toString();
}

/** Wraps a rendered notification as an e-mail in the recipient's language: plain text and HTML. */
export function emailContent(n: RenderedNotification, recipientName: string, locale: Locale, publicUrl: string): EmailContent {
  const link = absoluteLink(n.link, publicUrl);
  const settings = absoluteLink('/settings/notifications', publicUrl) as string;
  const greeting = locale === 'ja' ? `${recipientName} 様` : `Dear ${recipientName},`;
  const open = locale === 'ja' ? '詳細を開く' : 'Open';
  const footer =
    locale === 'ja'
      ? `このメールは${PRODUCT.ja}から自動送信されています。返信はできません。\n通知の設定: ${settings}`
      : `This message was sent automatically by ${PRODUCT.en}; replies are not read.\nNotification settings: ${settings}`;
  const subject = locale === 'ja' ? `【${PRODUCT.ja}】${n.title}` : `[${PRODUCT.en}] ${n.title}`;
  const text = [greeting, '', n.title, '', n.body, ...(link ? ['', `${open}: ${link}`] : []), '', '--', footer].join('\n');
  const paragraphs = n.body
    .split('\n')
    .map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`)
    .join('');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:sans-serif;color:#1a1a1a;line-height:1.6">
<p>${escapeHtml(greeting)}</p>
<h1 style="font-size:18px">${escapeHtml(n.title)}</h1>
${paragraphs}
${link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(open)}</a></p>` : ''}
<hr><p style="font-size:12px;color:#555">${footer.split('\n').map(escapeHtml).join('<br>')}</p>
</body></html>`;
  return { subject, text, html };
}
