// Stops the processes the e2e setup started and drops its database.
const { rmSync } = require('node:fs');
const { dropDatabase, deletePrefix } = require('../../../../libs/testing/src/global-teardown.cjs');

module.exports = async function globalTeardown() {
  const state = globalThis.__E2E__;
  if (!state) return;
  await Promise.all(
    state.procs.map(
      (p) =>
        new Promise((resolve) => {
          if (p.exitCode !== null) return resolve();
          p.once('exit', resolve);
          p.kill('SIGTERM');
          setTimeout(() => p.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  if (!process.env.KEEP_TEST_DB) await dropDatabase(state.db.name);
  if (state.outDir) rmSync(state.outDir, { recursive: true, force: true });
  if (state.queuePrefix) await deletePrefix(process.env.REDIS_URL || 'redis://127.0.0.1:6379', state.queuePrefix);
};
