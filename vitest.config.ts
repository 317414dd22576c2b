import { defineConfig } from 'vitest/config';
import { useNodeCompileCache } from './tests/node-compile-cache.ts';

useNodeCompileCache();

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores, so one file at a time on a 2-core CI machine;
    // most unit files wait on a child process or a local server, so two at a time finish sooner.
    maxWorkers: 2,
  },
});
