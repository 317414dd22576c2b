// Mutation testing of the core modules (`npm run test:mutation`, on demand, not in CI).
// One module: `npm run test:mutation -- --mutate scripts/pipeline/captions.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: true },
  mutate: [
    'scripts/pipeline/needs-work.ts',
    'scripts/pipeline/captions.ts',
    'scripts/pipeline/offline-provider.ts',
    'scripts/pipeline/offline/*.ts',
    'src/lib/validate-content.ts',
    'src/stores/progress-model.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 80, break: null },
};
