/**
 * Child process of `npm run bench:lottery`: M12, twelve consecutive rounds with zero-win streaks
 * carried over, at one load. Each replication runs the same population three ways:
 *   honest   — everyone submits genuine needs only (the fairness figures come from this run);
 *   flooding — the same, plus a group of flooders who add junk one-hour requests;
 *   memoryless — honest, but every user always holds one ticket (the "no memory" baseline).
 * Genuine needs come from per-user, per-round PRNG streams, so all three runs see identical needs.
 *
 *   node -r @swc-node/register tools/bench/lottery-rounds.ts <load> <replications>
 */
import { createHash } from 'node:crypto';
import { buildDrawRecord, drawRound, nextZeroWinStreak, waitlistPass } from '../../libs/domain/src/lottery';
import { AVAILABLE_CAR_HOURS, CATEGORIES, MEAN_REQUESTS_PER_USER, MEAN_TRIP_HOURS, benchSecret, generateDataset } from './lottery-dataset';
import { jain } from './lottery-metrics';

const ROUNDS = 12;
const APPLY_RATE = 0.8;
const DECLINE_RATE = 0.05;
const FLOODER_SHARE = 0.1;
const JUNK_PER_FLOODER = 8;
type Variant = 'honest' | 'flooding' | 'memoryless';

interface UserTally {
  applied: number;
  roundsWon: number;
  genuine: number;
  genuineWon: number;
  z: number;
  maxZ: number;
}

export interface RoundsReport {
  readonly load_target: number;
  readonly load_actual: number;
  readonly users: number;
  readonly replications: number;
  readonly draws: number;
  readonly draw_ms_mean: number;
  readonly honest: VariantFigures;
  readonly memoryless: VariantFigures;
  readonly flooding: VariantFigures & { readonly honest_users_win_pct: number; readonly flooder_vs_honest_pct: number };
  readonly spam_gain_pct: number;
  readonly promotions: number;
}

interface VariantFigures {
  readonly win_pct: number;
  readonly jain: number;
  readonly streak3_pct: number;
  readonly max_streak: number;
  readonly flooder_genuine_win_rate: number;
  readonly honest_genuine_win_rate: number;
}

/** A value in [0, 1) fixed by a label: the same request declines in every variant. */
function unit(label: string): number {
  return createHash('sha256').update(label).digest().readUInt32BE(0) / 4294967296;
}

function simulate(load: number, rep: number, variant: Variant, users: readonly string[], flooders: ReadonlySet<string>, stats: { drawMs: number; draws: number; load: number; promotions: number }) {
  const tally = new Map<string, UserTally>(users.map((u) => [u, { applied: 0, roundsWon: 0, genuine: 0, genuineWon: 0, z: 0, maxZ: 0 }]));
  let userRounds = 0;
  let userRoundsWon = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const label = `m12|${load}|${rep}|${round}`;
    const dataset = generateDataset({
      label,
      roundId: `m12-${rep}-${round}`,
      users,
      applyRate: APPLY_RATE,
      flooders: variant === 'flooding' ? flooders : undefined,
      junkPerFlooder: JUNK_PER_FLOODER,
    });
    if (variant === 'honest') stats.load += dataset.load / ROUNDS;
    const streaks = variant === 'memoryless' ? [] : [...tally].map(([userId, t]) => ({ userId, zeroWinStreak: t.z }));
    const params = { input: dataset.input, streaks, secret: benchSecret(label), externalValue: `bench ${label}` };
    const started = performance.now();
    const result = drawRound(params);
    stats.drawMs += performance.now() - started;
    stats.draws++;
    const declined = result.requestIds.filter((id, i) => result.wonOption[i] > 0 && unit(`decline|${label}|${id}`) < DECLINE_RATE);
    const { promotions } = waitlistPass(buildDrawRecord(params, result), { requestIds: declined });
    stats.promotions += promotions.length;

    const won = new Set(result.requestIds.filter((_, i) => result.wonOption[i] > 0));
    for (const p of promotions) won.add(p.requestId);
    const declinedBy = new Set(declined.map((id) => dataset.input.requests.find((q) => q.id === id)?.userId));
    const perUser = new Map<string, { any: boolean; genuine: number; genuineWon: number }>();
    dataset.input.requests.forEach((q, k) => {
      const entry = perUser.get(q.userId) ?? { any: false, genuine: 0, genuineWon: 0 };
      const isWin = won.has(q.id);
      entry.any ||= isWin;
      if (CATEGORIES[dataset.category[k]] !== 'junk') {
        entry.genuine++;
        if (isWin) entry.genuineWon++;
      }
      perUser.set(q.userId, entry);
    });
    for (const [userId, t] of tally) {
      const entry = perUser.get(userId);
      t.z = nextZeroWinStreak(t.z, { applied: entry !== undefined, won: entry?.any ?? false, forfeited: declinedBy.has(userId) });
      t.maxZ = Math.max(t.maxZ, t.z);
      if (!entry) continue;
      t.applied++;
      t.genuine += entry.genuine;
      t.genuineWon += entry.genuineWon;
      userRounds++;
      if (entry.any) {
        t.roundsWon++;
        userRoundsWon++;
      }
    }
  }
  return { tally, userRounds, userRoundsWon };
}

function figures(runs: ReturnType<typeof simulate>[], flooders: ReadonlySet<string>): VariantFigures {
  const all = runs.flatMap((r) => [...r.tally].filter(([, t]) => t.applied > 0));
  const rate = (pick: (userId: string) => boolean) => {
    const chosen = all.filter(([u]) => pick(u));
    return chosen.reduce((s, [, t]) => s + t.genuineWon, 0) / Math.max(1, chosen.reduce((s, [, t]) => s + t.genuine, 0));
  };
  return {
    win_pct: (100 * runs.reduce((s, r) => s + r.userRoundsWon, 0)) / runs.reduce((s, r) => s + r.userRounds, 0),
    // Jain per replication, averaged: each replication is one 12-round history of one population.
    jain: runs.reduce((s, r) => s + jain([...r.tally.values()].filter((t) => t.genuine > 0).map((t) => t.genuineWon / t.genuine)), 0) / runs.length,
    streak3_pct: (100 * all.filter(([, t]) => t.maxZ >= 3).length) / all.length,
    max_streak: Math.max(...all.map(([, t]) => t.maxZ)),
    flooder_genuine_win_rate: rate((u) => flooders.has(u)),
    honest_genuine_win_rate: rate((u) => !flooders.has(u)),
  };
}

function main(load: number, replications: number): RoundsReport {
  const perUserHours = MEAN_TRIP_HOURS * MEAN_REQUESTS_PER_USER * APPLY_RATE;
  const population = Math.round((load * AVAILABLE_CAR_HOURS) / perUserHours);
  const users = Array.from({ length: population }, (_, u) => `m${String(u).padStart(5, '0')}`);
  const flooders = new Set(users.filter((_, u) => u % Math.round(1 / FLOODER_SHARE) === 0));
  const stats = { drawMs: 0, draws: 0, load: 0, promotions: 0 };
  const runs: Record<Variant, ReturnType<typeof simulate>[]> = { honest: [], flooding: [], memoryless: [] };
  for (let rep = 0; rep < replications; rep++) {
    for (const variant of ['honest', 'flooding', 'memoryless'] as const) runs[variant].push(simulate(load, rep, variant, users, flooders, stats));
  }
  const honest = figures(runs.honest, flooders);
  const flooding = figures(runs.flooding, flooders);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const tidy = (f: VariantFigures): VariantFigures => ({
    ...f,
    win_pct: r1(f.win_pct),
    jain: r3(f.jain),
    streak3_pct: r1(f.streak3_pct),
    flooder_genuine_win_rate: r3(f.flooder_genuine_win_rate),
    honest_genuine_win_rate: r3(f.honest_genuine_win_rate),
  });
  return {
    load_target: load,
    load_actual: Math.round((stats.load / replications) * 100) / 100,
    users: population,
    replications,
    draws: stats.draws,
    draw_ms_mean: Math.round(stats.drawMs / stats.draws),
    honest: tidy(honest),
    memoryless: tidy(figures(runs.memoryless, flooders)),
    flooding: {
      ...tidy(flooding),
      honest_users_win_pct: r1(100 * flooding.honest_genuine_win_rate),
      flooder_vs_honest_pct: r1(100 * (flooding.flooder_genuine_win_rate / flooding.honest_genuine_win_rate - 1)),
    },
    // Paired: the flooders' genuine requests with junk added versus the same needs without it.
    spam_gain_pct: r1(100 * (flooding.flooder_genuine_win_rate / honest.flooder_genuine_win_rate - 1)),
    promotions: stats.promotions,
  };
}

const [load, replications] = process.argv.slice(2).map(Number);
const report = main(load, replications);
if (process.send) process.send(report);
else process.stdout.write(`${JSON.stringify(report)}\n`);
