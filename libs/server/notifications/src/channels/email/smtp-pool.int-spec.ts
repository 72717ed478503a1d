import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SmtpPool, SmtpSendError } from './smtp-pool';

/** A real SMTP server in-process; `decide` answers each transaction at the final dot. */
async function server(options: { rejectRcpt?: boolean; decide?: () => number | undefined } = {}) {
  const events: string[] = [];
  const srv = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      if (options.rejectRcpt) {
        const error = new Error('No such user') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        events.push('server:dot');
        const code = options.decide?.();
        if (code) {
          const error = new Error('refused') as Error & { responseCode: number };
          error.responseCode = code;
          return callback(error);
        }
        callback();
      });
    },
  });
  srv.on('error', () => undefined);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = ((srv as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return { events, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

const envelope = { from: 'no-reply@city.example.jp', to: ['taro@city.example.jp'] };
const body = Buffer.from('Subject: t\r\n\r\n.leading dot line\r\nbody\r\n');

describe(SmtpPool.name, () => {
  it('should call the commit point once per message, after the body and before the reply is delivered', async () => {
    const s = await server();
    const pool = new SmtpPool({ url: s.url, size: 2, timeoutMs: 3000, tlsRejectUnauthorized: true });
    try {
      for (let i = 0; i < 3; i++) {
        let commits = 0;
        const reply = await pool.send(envelope, body, () => {
          commits++;
          s.events.push('client:commit');
        });
        expect(commits).toBe(1);
        expect(reply).toMatch(/^250/);
      }
      // The commit point runs before the client can see the 250; the server may get the dot
      // before or after it (they are microseconds apart), never a reply before it.
      expect(s.events.filter((e) => e === 'client:commit')).toHaveLength(3);
      expect(s.events.filter((e) => e === 'server:dot')).toHaveLength(3);
    } finally {
      await pool.close();
      await s.close();
    }
  });

  it('should never reach the commit point when the envelope is refused', async () => {
    const s = await server({ rejectRcpt: true });
    const pool = new SmtpPool({ url: s.url, size: 1, timeoutMs: 3000, tlsRejectUnauthorized: true });
    try {
      let commits = 0;
      const error = await pool.send(envelope, body, () => commits++).catch((e: SmtpSendError) => e);
      await new Promise((r) => setTimeout(r, 50));
      expect(error).toBeInstanceOf(SmtpSendError);
      expect((error as SmtpSendError).responseCode).toBe(550);
      expect((error as SmtpSendError).permanent).toBe(true);
      expect((error as SmtpSendError).afterCommitPoint).toBe(false);
      expect(commits).toBe(0);
      expect(s.events).toEqual([]);
    } finally {
      await pool.close();
      await s.close();
    }
  });

  it('should report a refusal that came after the commit point, and keep working afterwards', async () => {
    let refuse = true;
    const s = await server({ decide: () => (refuse ? 451 : undefined) });
    const pool = new SmtpPool({ url: s.url, size: 1, timeoutMs: 3000, tlsRejectUnauthorized: true });
    try {
      let commits = 0;
      const error = (await pool.send(envelope, body, () => commits++).catch((e) => e)) as SmtpSendError;
      expect(commits).toBe(1);
      expect(error.responseCode).toBe(451);
      expect(error.permanent).toBe(false);
      expect(error.afterCommitPoint).toBe(true);
      refuse = false;
      expect(await pool.send(envelope, body, () => commits++)).toMatch(/^250/);
      expect(commits).toBe(2);
    } finally {
      await pool.close();
      await s.close();
    }
  });

  it('should fail fast with a retryable error when no server answers', async () => {
    const pool = new SmtpPool({ url: 'smtp://127.0.0.1:1', size: 1, timeoutMs: 2000, tlsRejectUnauthorized: true });
    const started = Date.now();
    const error = (await pool.send(envelope, body, () => undefined).catch((e) => e)) as SmtpSendError;
    expect(error).toBeInstanceOf(SmtpSendError);
    expect(error.permanent).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    await pool.close();
  });
});
