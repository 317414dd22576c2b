// Mutation testing of the offline provider against its fast unit tests only: `npm run test:mutation -- stryker.offline.config.mjs --mutate scripts/pipeline/offline/terms.ts`.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.offline.config.ts', related: true },
  mutate: ['scripts/pipeline/offline-provider.ts', 'scripts/pipeline/offline/*.ts'],
  htmlReporter: { fileName: 'reports/mutation/offline/index.html' },
  jsonReporter: { fileName: 'reports/mutation/offline/mutation.json' },
};
