// The offline provider's fast unit tests only, for mutation testing (stryker.offline.config.mjs): the full-lecture tests take seconds per mutant.
// OFFLINE_TESTS narrows a run to the files that test one module (comma-separated), so each mutant runs fewer tests.
import { defineConfig } from 'vitest/config';

const all = ['offline-units', 'offline-language', 'offline-measure', 'offline-generator'].map((name) => `tests/unit/pipeline/${name}.test.ts`);

export default defineConfig({
  test: {
    include: process.env.OFFLINE_TESTS ? process.env.OFFLINE_TESTS.split(',') : all,
    testTimeout: 30_000,
  },
});
