import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { Readable } from 'node:stream';

export interface SmtpPoolOptions {
  url: string;
  size: number;
  /** Upper bound for one message, from connection to the server's answer. */
  timeoutMs: number;
  tlsRejectUnauthorized: boolean;
  /** Name sent in EHLO. */
  clientName?: string;
}

/** An SMTP failure with its reply code when the server gave one (5xx = permanent). */
export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly responseCode: number | undefined,
    /** True once the message's final dot had been handed to the socket: the server may have it. */
    readonly afterCommitPoint: boolean,
  ) {
    super(message);
    this.name = 'SmtpSendError';
  }

  get permanent(): boolean {
    return this.responseCode !== undefined && this.responseCode >= 500 && this.responseCode < 600;
  }
}

/**
 * The message body for SMTPConnection.send, which streams it into its dot-escaping DataStream only
 * after the server answered DATA with 354, and writes the final "<CRLF>.<CRLF>" when this stream ends.
 *
 * `onCommitPoint` runs when the DataStream has emitted that final dot to the socket — the instant
 * the server can accept the message — and before the server's reply. The caller writes "sent" to
 * PostgreSQL there without awaiting it, so the gap in which a crash leaves a message accepted but
 * not recorded is microseconds, not a round trip (docs/adr/0004-notification-outbox.md).
 */
class CommitPointStream extends Readable {
  private pushed = false;
  private corked = false;
  aborted = false;

  constructor(
    private readonly body: Buffer,
    private readonly onCommitPoint: () => void,
    private readonly socket: { cork(): void; uncork(): void } | undefined,
  ) {
    super();
  }

  override _read(): void {
    if (this.pushed) return;
    this.pushed = true;
    // Body and final dot leave in one write (one packet, one wake-up of the server) instead of two.
    if (this.socket && !this.aborted) {
      this.socket.cork();
      this.corked = true;
    }
    this.push(this.body);
    this.push(null);
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    // nodemailer pipes into its DataStream (a Transform): its readable side ends right after the
    // dot has been written to the socket. If the envelope was refused, nodemailer pipes into a
    // throw-away PassThrough instead and reports the error synchronously first, so `aborted` is set.
    (destination as unknown as Readable).once('end', () => {
      if (this.corked) {
        this.corked = false;
        this.socket?.uncork(); // writes body + dot now, synchronously
      }
      if (!this.aborted) this.onCommitPoint();
    });
    return super.pipe(destination, options);
  }
}

class PooledConnection {
  messages = 0;
  broken = false;
  private current?: (error: Error) => void;

  private constructor(private readonly connection: SMTPConnection) {
    connection.on('error', (error: Error) => this.fail(error));
    connection.on('end', () => this.fail(new Error('SMTP connection closed')));
  }

  static open(options: SMTPConnection.Options, auth: SMTPConnection.Credentials | undefined, timeoutMs: number): Promise<PooledConnection> {
    return new Promise((resolve, reject) => {
      const connection = new SMTPConnection(options);
      const pooled = new PooledConnection(connection);
      const timer = setTimeout(() => {
        pooled.close();
        reject(new SmtpSendError('SMTP connect timeout', undefined, false));
      }, timeoutMs);
      pooled.current = (error) => {
        clearTimeout(timer);
        reject(new SmtpSendError(`SMTP connect failed: ${error.message}`, (error as { responseCode?: number }).responseCode, false));
      };
      connection.connect(() => {
        // Nagle's algorithm would hold the final dot until the server ACKs the body, and the
        // server delays that ACK (~40 ms): every message would wait for it. nodemailer does not
        // expose the socket or an option for this.
        (connection as unknown as { _socket?: { setNoDelay?: (on: boolean) => void } })._socket?.setNoDelay?.(true);
        const done = (error?: Error | null) => {
          clearTimeout(timer);
          pooled.current = undefined;
          if (error) {
            pooled.close();
            reject(new SmtpSendError(`SMTP login failed: ${error.message}`, (error as { responseCode?: number }).responseCode, false));
          } else resolve(pooled);
        };
        if (auth) connection.login(auth, (error) => done(error));
        else done();
      });
    });
  }

  /** Sends one message; resolves with the server's reply to the final dot. */
  send(envelope: { from: string; to: string[] }, body: Buffer, timeoutMs: number, onCommitPoint: () => void): Promise<string> {
    return new Promise((resolve, reject) => {
      let committed = false;
      const stream = new CommitPointStream(
        body,
        () => {
          committed = true;
          onCommitPoint();
        },
        this.socket(),
      );
      let settled = false;
      const finish = (error: Error | null, response?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.current = undefined;
        if (error) {
          stream.aborted = true;
          this.broken = true;
          this.close();
          const code = (error as { responseCode?: number }).responseCode;
          reject(error instanceof SmtpSendError ? error : new SmtpSendError(error.message + ((error as { response?: string }).response ? ` (${(error as { response?: string }).response})` : ''), code, committed));
        } else {
          this.messages++;
          resolve(response ?? '');
        }
      };
      const timer = setTimeout(() => finish(new SmtpSendError('SMTP send timeout', undefined, committed)), timeoutMs);
      this.current = (error) => finish(error);
      this.connection.send(envelope, stream, (error, info) => finish(error, info?.response));
    });
  }

  /** nodemailer keeps its socket private; corking it is an optimisation, so absent = skip. */
  private socket(): { cork(): void; uncork(): void } | undefined {
    const socket = (this.connection as unknown as { _socket?: { cork?: () => void; uncork?: () => void } })._socket;
    return socket?.cork && socket.uncork ? (socket as { cork(): void; uncork(): void }) : undefined;
  }

  private fail(error: Error): void {
    this.broken = true;
    this.current?.(error);
  }

  close(): void {
    this.broken = true;
    try {
      this.connection.close();
    } catch {
      // already closed
    }
  }
}

const MAX_MESSAGES_PER_CONNECTION = 1000;

/**
 * A small pool of SMTP connections over nodemailer's SMTPConnection. nodemailer's own pooled
 * transport reads a message stream before the envelope is accepted, so it cannot tell us the
 * moment the final dot leaves; this one can (see CommitPointStream).
 */
export class SmtpPool {
  private readonly idle: PooledConnection[] = [];
  private readonly waiters: Array<{ resolve: (c: PooledConnection) => void; reject: (e: Error) => void }> = [];
  private open = 0;
  private closed = false;
  private readonly connectionOptions: SMTPConnection.Options;
  private readonly auth?: SMTPConnection.Credentials;

  constructor(private readonly options: SmtpPoolOptions) {
    const url = new URL(options.url);
    const secure = url.protocol === 'smtps:';
    const perStep = Math.max(250, Math.floor(options.timeoutMs / 2));
    this.connectionOptions = {
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 25,
      secure,
      name: options.clientName,
      connectionTimeout: perStep,
      greetingTimeout: perStep,
      socketTimeout: options.timeoutMs,
      tls: { rejectUnauthorized: options.tlsRejectUnauthorized },
      logger: false,
      debug: false,
    };
    if (url.username) this.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  }

  /**
   * Sends one message. `onCommitPoint` is called synchronously once the final dot has been written;
   * the returned promise settles with the server's reply (or rejects with SmtpSendError).
   */
  async send(envelope: { from: string; to: string[] }, body: Buffer, onCommitPoint: () => void): Promise<string> {
    const connection = await this.acquire();
    try {
      return await connection.send(envelope, body, this.options.timeoutMs, onCommitPoint);
    } finally {
      this.release(connection);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.idle.splice(0)) c.close();
    for (const w of this.waiters.splice(0)) w.reject(new Error('SMTP pool closed'));
  }

  private async acquire(): Promise<PooledConnection> {
    if (this.closed) throw new Error('SMTP pool closed');
    while (this.idle.length) {
      const c = this.idle.pop() as PooledConnection;
      if (!c.broken) return c;
      this.open--;
    }
    if (this.open < this.options.size) {
      this.open++;
      try {
        return await PooledConnection.open(this.connectionOptions, this.auth, this.options.timeoutMs);
      } catch (error) {
        this.open--;
        this.wakeOne();
        throw error;
      }
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(connection: PooledConnection): void {
    if (connection.broken || connection.messages >= MAX_MESSAGES_PER_CONNECTION || this.closed) {
      connection.close();
      this.open--;
      this.wakeOne();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(connection);
    else this.idle.push(connection);
  }

  /** A slot was freed: the longest waiter opens a new connection in it. */
  private wakeOne(): void {
    const waiter = this.waiters.shift();
    if (waiter) this.acquire().then(waiter.resolve, waiter.reject);
  }
}

