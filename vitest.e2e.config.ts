import { defineConfig } from 'vitest/config';

/** Browser tests: real Chromium over the built site (see tests/e2e/global-setup.ts). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Test files build their own sites, and Astro keeps per-build state in <root>/.astro:
    // two builds at once from one root break each other, so files run one after another.
    fileParallelism: false,
  },
});
