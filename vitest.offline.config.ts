// The offline provider's fast unit tests only, for mutation testing (stryker.offline.config.mjs): the full-lecture tests take seconds per mutant.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/pipeline/offline-units.test.ts', 'tests/unit/pipeline/offline-language.test.ts', 'tests/unit/pipeline/offline-measure.test.ts', 'tests/unit/pipeline/offline-generator.test.ts'],
    testTimeout: 30_000,
  },
});
