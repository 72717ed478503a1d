import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (CONVENTIONS.md): domain imports nothing of ours; contracts only domain;
 * persistence only domain and config; features use the platform libs and other features only
 * through their index; the web never imports a server lib.
 */
const DEP_CONSTRAINTS = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:server-core', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:config'] },
  { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:domain', 'type:config'] },
  { sourceTag: 'type:queue', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:config'] },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:config', 'type:server-core', 'type:persistence', 'type:queue', 'type:feature'],
  },
  {
    sourceTag: 'type:app-server',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:config', 'type:server-core', 'type:persistence', 'type:queue', 'type:feature', 'type:testing', 'type:app-server'],
  },
  // The test kit depends on no feature, so every feature's tests can use it without a cycle.
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:config', 'type:server-core', 'type:persistence', 'type:queue'] },
  { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:testing'] },
        ];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/*.cjs', '**/*.mjs', '.nx/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use an injected, seeded random source.' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: DEP_CONSTRAINTS,
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'tools/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests of any server lib may use the shared test kit (libs/testing depends on no feature, so
    // this adds no cycle).
    files: ['libs/**/*.spec.ts', 'libs/**/*.int-spec.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: DEP_CONSTRAINTS.map((c) => (c.sourceTag === 'type:testing' || c.sourceTag === 'type:web' ? c : { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] })),
        },
      ],
    },
  },
);
