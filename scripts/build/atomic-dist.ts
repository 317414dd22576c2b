/**
 * Builds a site folder next to the live one and swaps it in only when the
 * build is complete, so a failed build leaves the previous output intact.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Runs `build` into a fresh sibling of `outDir`; on success swaps it in, on failure removes it and rethrows. */
export async function buildAtomically(outDir: string, build: (tempDir: string) => void | Promise<void>): Promise<void> {
  const next = join(dirname(outDir), `.${basename(outDir)}-next`);
  const previous = join(dirname(outDir), `.${basename(outDir)}-previous`);
  rmSync(next, { recursive: true, force: true });
  try {
    await build(next);
  } catch (error) {
    rmSync(next, { recursive: true, force: true });
    throw error;
  }
  if (!existsSync(next)) throw new Error(`the build wrote nothing to ${next}`);
  rmSync(previous, { recursive: true, force: true });
  // Two renames on one file system: the live folder is the old build or the new one, never a partial one.
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(next, outDir);
  rmSync(previous, { recursive: true, force: true });
}
