// Its functions call each other through `this`: use them as methods of the module object.
import mimeFuncs from 'nodemailer/lib/mime-funcs';

export interface MimeAddress {
  name: string;
  address: string;
}

export interface MimeMessageInput {
  from: MimeAddress;
  to: MimeAddress;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  /** Extra headers; names must be plain ASCII tokens, values plain ASCII. */
  headers: Record<string, string>;
  /** Unique per message and free of base64 characters' collisions; the notification id will do. */
  boundaryKey: string;
}

const ADDRESS = /^[^\s<>"@]+@[^\s<>"@]+$/;

function header(name: string, value: string): string {
  return mimeFuncs.foldLines(`${name}: ${value}`, 76);
}

function encodeText(value: string): string {
  return mimeFuncs.isPlainText(value) ? value : mimeFuncs.encodeWords(value, 'B', 52);
}

function mailbox(a: MimeAddress): string {
  if (!ADDRESS.test(a.address)) throw new Error(`invalid e-mail address: ${a.address}`);
  if (!a.name) return a.address;
  const name = mimeFuncs.isPlainText(a.name) ? `"${a.name.replace(/["\\]/g, '\\$&')}"` : mimeFuncs.encodeWords(a.name, 'B', 52);
  return `${name} <${a.address}>`;
}

function base64Lines(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
}

/** RFC 5322 date in UTC, e.g. `Sun, 22 Nov 2026 04:33:12 +0000`. */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * The one message shape notifications send: multipart/alternative with UTF-8 plain text and HTML,
 * both base64. Built directly (header words encoded and folded by nodemailer's mime-funcs) rather
 * than through MailComposer's general MIME tree and streams, which cost ~10× the CPU per message —
 * the largest single cost in the worker at a thousand messages a second.
 */
export function buildMimeMessage(m: MimeMessageInput): Buffer {
  // '=' and '_' never occur in base64 output lines without '=' padding at the end; '=_' cannot.
  const boundary = `=_rr_${m.boundaryKey.replace(/[^A-Za-z0-9]/g, '')}`;
  const lines = [
    header('From', mailbox(m.from)),
    header('To', mailbox(m.to)),
    header('Subject', encodeText(m.subject)),
    header('Date', rfc5322Date(m.date)),
    header('Message-ID', m.messageId),
    ...Object.entries(m.headers).map(([k, v]) => header(k, v)),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(m.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(m.html),
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
