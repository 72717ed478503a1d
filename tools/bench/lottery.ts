/**
 * `npm run bench:lottery` — draw time, peak memory, reproducibility and fairness of the lottery
 * engine on seeded synthetic city-hall workloads (datasets: docs/lottery.md §Benchmark).
 * Every size runs in its own child process so that peak RSS is that size's alone. Prints human
 * tables, then exactly one JSON object as the last line.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { RoundsReport } from './lottery-rounds';
import type { SizeReport } from './lottery-size';

const SIZES: readonly (readonly [string, number])[] = [
  ['D1', 1_000],
  ['D2', 5_000],
  ['D3', 10_000],
  ['D4', 25_000],
  ['D5', 50_000],
  ['S1', 50_000],
  ['S2', 195_000],
  ['S3', 975_000],
];
const REPLICATIONS = 4;

function child<T>(script: string, args: readonly (string | number)[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = fork(join(__dirname, script), args.map(String), { execArgv: ['--expose-gc', '-r', '@swc-node/register'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: T | undefined;
    proc.on('message', (message) => (report = message as T));
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 && report ? resolve(report) : reject(new Error(`${script} ${args.join(' ')} exited with ${code}`))));
  });
}

const pad = (value: unknown, width: number) => String(value).padStart(width);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
/** Share of time runnable tasks waited for a CPU (Linux PSI): other work on this shared machine. */
function cpuPressure(): string {
  try {
    return /^some (.*)$/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? 'n/a';
  } catch {
    return 'n/a';
  }
}

async function main(): Promise<void> {
  const loadStart = load();
  const pressureStart = cpuPressure();
  process.stdout.write(`lottery bench — node ${process.version}, ${cpus().length} cpu, load average ${loadStart}, cpu pressure ${pressureStart}\n`);
  process.stdout.write('draw ms = median wall time of 7 full draws (digests, tickets, seed, order, draft, car assignment) in one process; cold = the first (JIT not warm); best = fastest; cpu = median CPU time (all threads)\n\n');
  const header = `${'size'.padEnd(4)} ${pad('requests', 8)} ${pad('users', 7)} ${pad('load', 6)} ${pad('draw ms', 8)} ${pad('cold ms', 8)} ${pad('best ms', 8)} ${pad('cpu ms', 7)} ${pad('runs ms', 36)} ${pad('rss in MB', 9)} ${pad('peak MB', 8)} ${pad('fail', 4)} ${pad('served%', 7)} ${pad('1st%', 5)} ${pad('util%', 5)}  served% by trip (1h/2h/half/full/multi)  result digest`;
  process.stdout.write(`${header}\n`);
  const sizes: SizeReport[] = [];
  for (const [name, requests] of SIZES) {
    const r = await child<SizeReport>('lottery-size.ts', [name, requests]);
    sizes.push(r);
    const kinds = ['1h', '2h', 'half', 'full', 'multi'].map((k) => r.served_by_kind[k] ?? '-').join('/');
    process.stdout.write(
      `${r.name.padEnd(4)} ${pad(r.requests, 8)} ${pad(r.users, 7)} ${pad(r.load, 6)} ${pad(r.draw_ms, 8)} ${pad(r.draw_cold_ms, 8)} ${pad(Math.min(...r.draw_runs_ms), 8)} ${pad(r.draw_cpu_ms, 7)} ${pad(r.draw_runs_ms.join(','), 36)} ${pad(r.rss_input_mb, 9)} ${pad(r.peak_rss_mb, 8)} ${pad(r.assign_failures, 4)} ${pad(r.served_pct, 7)} ${pad(r.first_choice_pct, 5)} ${pad(r.util_pct, 5)}  ${kinds.padEnd(40)} ${r.result_digest.slice(0, 16)}…\n`,
    );
  }
  // A second process must reproduce a first process's digest, not just a rerun in the same one.
  const again = await child<SizeReport>('lottery-size.ts', ['D2', 5_000]);
  const crossProcess = again.result_digest === sizes.find((s) => s.name === 'D2')?.result_digest;
  const reproducible = crossProcess && sizes.every((s) => s.reproducible);
  process.stdout.write(`\nreproducible: ${reproducible} (7 runs + 1 shuffled-input run per size; D2 re-run in a new process: ${crossProcess})\n\n`);

  const rho15 = await child<RoundsReport>('lottery-rounds.ts', [1.5, REPLICATIONS]);
  const rho3 = await child<RoundsReport>('lottery-rounds.ts', [3, REPLICATIONS]);
  process.stdout.write(`M12: 12 rounds × ${REPLICATIONS} replications per load, streaks carried over, 5% of wins declined then waitlist pass\n`);
  process.stdout.write(`${'load'.padEnd(11)} ${pad('users', 6)} ${pad('variant', 10)} ${pad('≥1 win/round %', 14)} ${pad('Jain', 6)} ${pad('≥3 zero-win %', 13)} ${pad('max streak', 10)} ${pad('genuine won (flooders/others)', 30)}\n`);
  for (const r of [rho15, rho3]) {
    for (const variant of ['honest', 'memoryless', 'flooding'] as const) {
      const f = r[variant];
      process.stdout.write(
        `${`${r.load_target} (${r.load_actual})`.padEnd(11)} ${pad(r.users, 6)} ${pad(variant, 10)} ${pad(f.win_pct, 14)} ${pad(f.jain, 6)} ${pad(f.streak3_pct, 13)} ${pad(f.max_streak, 10)} ${pad(`${f.flooder_genuine_win_rate} / ${f.honest_genuine_win_rate}`, 30)}\n`,
      );
    }
    process.stdout.write(`${''.padEnd(11)} junk flooders' gain on their genuine requests (paired, flooding vs honest run): ${r.spam_gain_pct}%; draws ${r.draws}, mean ${r.draw_ms_mean} ms; promotions ${r.promotions}\n`);
  }
  const loadEnd = load();
  const pressureEnd = cpuPressure();
  process.stdout.write(`\nload average at end: ${loadEnd}, cpu pressure ${pressureEnd}\n`);

  const summary = {
    sizes: sizes.map((s) => ({
      name: s.name,
      requests: s.requests,
      draw_ms: s.draw_ms,
      draw_cold_ms: s.draw_cold_ms,
      draw_best_ms: Math.min(...s.draw_runs_ms),
      draw_cpu_ms: s.draw_cpu_ms,
      peak_rss_mb: s.peak_rss_mb,
      assign_failures: s.assign_failures,
      served_pct: s.served_pct,
      first_choice_pct: s.first_choice_pct,
      util_pct: s.util_pct,
      load: s.load,
      result_digest: s.result_digest,
    })),
    reproducible,
    fairness: {
      rho15: { win_pct: rho15.honest.win_pct, jain: rho15.honest.jain },
      rho3: {
        win_pct: rho3.honest.win_pct,
        jain: rho3.honest.jain,
        streak3_pct: rho3.honest.streak3_pct,
        max_streak: rho3.honest.max_streak,
        spam_gain_pct: rho3.spam_gain_pct,
      },
    },
    env: { node: process.version, cpus: cpus().length, loadavg_start: loadStart, loadavg_end: loadEnd, cpu_pressure_start: pressureStart, cpu_pressure_end: pressureEnd },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
