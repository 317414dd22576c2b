/**
 * `npm run build` (after the prebuild has checked the content and processed
 * videos): Astro, then Pagefind, into a temporary folder that replaces dist/
 * only once both have finished.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildAtomically } from './build/atomic-dist.ts';

const root = process.cwd();
const outDir = resolve(root, 'dist');

/** A build step that failed; its own output has already told the user why. */
class StepFailed extends Error {}

function run(command: string, args: string[]): void {
  const result = spawnSync(join(root, 'node_modules', '.bin', command), args, { stdio: 'inherit' });
  if (result.status !== 0) throw new StepFailed(`${command} ${args[0]} failed`);
}

try {
  await buildAtomically(outDir, (next) => {
    run('astro', ['build', '--outDir', next]);
    run('pagefind', ['--site', next]);
  });
} catch (error) {
  if (!(error instanceof StepFailed)) throw error;
  console.error(`\n✗ ${error.message}: dist/ still holds the previous build.`);
  process.exitCode = 1;
}
