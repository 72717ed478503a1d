#!/usr/bin/env node
// `npm test`: lint (module boundaries included), type check, then every Jest tier: unit,
// integration (real PostgreSQL + Redis, throwaway database) and browser end-to-end.
// Ends with one line `tests: N passed, N failed` (lint/type-check failures count as failed).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true', FORCE_COLOR: '0' };
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7); // e.g. --only=unit,integration
const skipChecks = args.includes('--no-lint');

function run(label, cmd, cmdArgs, timeoutMin) {
  console.log(`\n== ${label}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env, timeout: timeoutMin * 60_000 });
  if (r.error) console.error(`${label}: ${r.error.message}`);
  return r.status === 0;
}

let failedChecks = 0;
if (!skipChecks) {
  if (!run('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--skip-nx-cache', '--output-style=static'], 10)) failedChecks++;
  if (!run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], 10)) failedChecks++;
  if (existsSync('apps/web/tsconfig.json') && !run('typecheck web', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit'], 10)) failedChecks++;
}

mkdirSync('tmp', { recursive: true });
const report = 'tmp/jest-report.json';
rmSync(report, { force: true });
const projects = (only ?? 'unit,integration,e2e').split(',');
const jestOk = run('jest', 'npx', ['jest', '--selectProjects', ...projects, '--json', `--outputFile=${report}`, '--forceExit', '--ci'], 40);

let passed = 0;
let failed = failedChecks;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  if (!jestOk && r.numFailedTests === 0 && r.numRuntimeErrorTestSuites === 0) failed += 1;
} else {
  failed += 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
