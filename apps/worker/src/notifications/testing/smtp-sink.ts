import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  notificationId: string | null;
  to: string[];
  subject: string;
  raw: string;
  at: number;
}

export interface SmtpSinkOptions {
  /** Refuse this attempt of this message with 451 after reading it (its 1-based attempt number). */
  refuse?: (messageId: string, attempt: number) => boolean;
  /** Reply code used when refusing (451 = try again later, 550 = permanent). */
  refuseCode?: number;
}

/** Subject decoded enough for assertions (nodemailer encodes non-ASCII as =?UTF-8?B?...?=). */
function decodeSubject(value: string): string {
  return value.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
  );
}

function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return match ? match[1].trim() : null;
}

/**
 * A real SMTP server (the `smtp-server` package) in the test process: the sink the reliability
 * tests count at. It records every message it accepted, so duplicates are visible by Message-ID.
 */
export class SmtpSink {
  readonly accepted: ReceivedMail[] = [];
  readonly attempts = new Map<string, number>();
  refused = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    public options: SmtpSinkOptions,
  ) {}

  static async start(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const holder: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 500,
      size: 10 * 1024 * 1024,
      onData(stream: SMTPServerDataStream, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => holder.sink!.receive(Buffer.concat(chunks).toString('utf8'), _session, callback));
      },
    });
    // A client killed mid-session resets its connection: expected in the crash test, not a failure.
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
    holder.sink = new SmtpSink(server, port, options);
    return holder.sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Accepted messages per Message-ID. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.accepted) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }

  duplicates(): number {
    return [...this.counts().values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  }

  distinct(): number {
    return this.counts().size;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(raw: string, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const messageId = header(raw, 'Message-ID') ?? `(none ${this.accepted.length})`;
    const attempt = (this.attempts.get(messageId) ?? 0) + 1;
    this.attempts.set(messageId, attempt);
    if (this.options.refuse?.(messageId, attempt)) {
      this.refused++;
      const error = new Error('Temporary failure, try again') as Error & { responseCode: number };
      error.responseCode = this.options.refuseCode ?? 451;
      callback(error);
      return;
    }
    this.accepted.push({
      messageId,
      notificationId: header(raw, 'X-RR-Notification-Id'),
      to: session.envelope.rcptTo.map((r) => r.address),
      subject: decodeSubject(header(raw, 'Subject') ?? ''),
      raw,
      at: Date.now(),
    });
    callback();
  }
}
