import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../../..');

/**
 * The real worker (`apps/worker/src/main.ts`) as a child process, so a test can SIGKILL it in the
 * middle of its work exactly as an operating system or an orchestrator would.
 */
export class WorkerProcess {
  private child?: ChildProcess;
  output = '';

  constructor(private readonly env: Record<string, string>) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) throw new Error('worker already running');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const mark = this.output.length;
    child.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker not ready after ${timeoutMs} ms:\n${this.output.slice(mark)}`)), timeoutMs);
      const check = setInterval(() => {
        if (/serving/.test(this.output.slice(mark))) {
          clearTimeout(timer);
          clearInterval(check);
          resolve();
        }
      }, 25);
      child.once('exit', (code) => {
        clearTimeout(timer);
        clearInterval(check);
        if (this.child === child) this.child = undefined;
        reject(new Error(`worker exited with ${code}:\n${this.output.slice(mark)}`));
      });
    }).catch((error) => {
      if (this.child === child) this.child = undefined;
      throw error;
    });
    child.removeAllListeners('exit');
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
  }

  /** SIGKILL: no shutdown hook runs, in-flight jobs stay active in Redis and leased in PostgreSQL. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: a graceful stop (Nest shutdown hooks close the queues and connections). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}
