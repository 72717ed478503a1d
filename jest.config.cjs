// Three tiers (CONVENTIONS.md §11): unit (pure, no I/O), integration (real PostgreSQL + Redis,
// throwaway database per run with the real migrations), e2e (real api + worker + web in Chromium).
const preset = require('./jest.preset.cjs');

module.exports = {
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts?(x)'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.cjs',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.cjs',
    },
    {
      ...preset,
      displayName: 'e2e',
      setupFilesAfterEnv: ['<rootDir>/apps/web-e2e/src/support/jest-timeout.ts'],
      testMatch: ['<rootDir>/apps/web-e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/apps/web-e2e/src/support/global-setup.cjs',
      globalTeardown: '<rootDir>/apps/web-e2e/src/support/global-teardown.cjs',
    },
  ],
};
