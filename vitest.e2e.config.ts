import { defineConfig } from 'vitest/config';
import { useNodeCompileCache } from './tests/node-compile-cache.ts';

useNodeCompileCache();

/** Browser tests: real Chromium over sites built once by tests/e2e/global-setup.ts. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Two files at a time: most of a browser test is waiting on Chromium or a server. Files that build or
    // serve a site of their own do it from a private copy of the sources (tests/e2e/support/site-root.ts).
    fileParallelism: true,
    maxWorkers: 2,
  },
});
