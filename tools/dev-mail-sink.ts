import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * Development SMTP sink for machines without Docker (where docker-compose's Mailpit is not
 * available): accepts every message on 127.0.0.1:1025 and writes it to tmp/mail/<time>-<n>.eml,
 * printing one line per message. `npm start` runs it when nothing listens on the SMTP port.
 * Never used in production.
 */
const port = Number(process.env.DEV_MAIL_PORT ?? 1025);
const dir = join(process.cwd(), 'tmp', 'mail');
mkdirSync(dir, { recursive: true });
let n = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++n}.eml`);
      writeFileSync(file, Buffer.concat(chunks));
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      console.log(`mail to ${to} → ${file}`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log(`development mail sink on smtp://127.0.0.1:${port}, messages in ${dir}`));
