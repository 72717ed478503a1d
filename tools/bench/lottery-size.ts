/**
 * Child process of `npm run bench:lottery`: one dataset size, measured in a fresh process so that
 * peak RSS belongs to this size alone. Reports one JSON message to the parent.
 *
 *   node -r @swc-node/register tools/bench/lottery-size.ts <name> <requests>
 */
import { drawRound, type DrawResult, type LotteryInput } from '../../libs/domain/src/lottery';
import { readFileSync, writeFileSync } from 'node:fs';
import { benchSecret, generateDataset, shuffled, type Dataset } from './lottery-dataset';
import { shuffledInput, sizeMetrics } from './lottery-metrics';

export interface SizeReport {
  readonly name: string;
  readonly requests: number;
  readonly users: number;
  readonly load: number;
  readonly draw_ms: number;
  readonly draw_cold_ms: number;
  readonly draw_runs_ms: number[];
  readonly draw_cpu_ms: number;
  readonly shuffled_ms: number;
  readonly rss_input_mb: number;
  readonly peak_rss_mb: number;
  readonly peak_rss_scope: string;
  readonly assign_failures: number;
  readonly served_pct: number;
  readonly first_choice_pct: number;
  readonly util_pct: number;
  readonly served_by_kind: Record<string, number>;
  readonly result_digest: string;
  readonly reproducible: boolean;
}

const RUNS = 7;
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** Wall-clock and CPU time (all threads of this process, so GC helpers too) of one full draw. */
function timedDraw(input: LotteryInput, name: string): { result: DrawResult; ms: number; cpuMs: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = drawRound({ input, streaks: [], secret: benchSecret(name), externalValue: `bench ${name}` });
  const used = process.cpuUsage(cpu);
  return { result, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) };
}

/** The input as a worker would hold it: every string a distinct object, as read from the database. */
function freshDataset(name: string, requests: number): Dataset {
  return generateDataset({ label: `bench|${name}`, roundId: `bench-${name}`, requests, freshStrings: true });
}

/**
 * Peak RSS of what follows only: Linux resets the VmHWM high-water mark on `5 > clear_refs`.
 * Falls back to the process-lifetime maximum (which then includes data generation) elsewhere.
 */
function resetPeakRss(): boolean {
  (globalThis as { gc?: () => void }).gc?.();
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Math.round(Number(match[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function run(name: string, requests: number): SizeReport {
  const dataset = freshDataset(name, requests);
  const { input } = dataset;
  const peakIsDrawOnly = resetPeakRss();
  const rssInput = mb(process.memoryUsage().rss);

  const times: number[] = [];
  const cpuTimes: number[] = [];
  const digests = new Set<string>();
  let first: DrawResult | undefined;
  for (let k = 0; k < RUNS; k++) {
    const { result, ms, cpuMs } = timedDraw(input, name);
    times.push(ms);
    cpuTimes.push(cpuMs);
    digests.add(result.resultDigest);
    first ??= result;
  }
  const peak = peakRssMb();
  const shuffledRun = timedDraw(shuffledInput(input, (items, label) => shuffled(items, `${name}|${label}`)), name);
  digests.add(shuffledRun.result.resultDigest);
  const sorted = [...times].sort((a, b) => a - b);
  const result = first as DrawResult;
  return {
    name,
    requests: input.requests.length,
    users: result.order.length,
    load: Math.round(dataset.load * 100) / 100,
    draw_ms: sorted[Math.floor(RUNS / 2)],
    draw_cold_ms: times[0],
    draw_runs_ms: times,
    draw_cpu_ms: [...cpuTimes].sort((a, b) => a - b)[Math.floor(RUNS / 2)],
    shuffled_ms: shuffledRun.ms,
    rss_input_mb: rssInput,
    peak_rss_mb: peak,
    peak_rss_scope: peakIsDrawOnly ? 'input held + draws' : 'whole process',
    assign_failures: result.assignFailures,
    ...sizeMetrics(dataset, result),
    result_digest: result.resultDigest,
    reproducible: digests.size === 1,
  };
}

const [name, requests] = process.argv.slice(2);
const report = run(name, Number(requests));
if (process.send) process.send(report);
else process.stdout.write(`${JSON.stringify(report)}\n`);
