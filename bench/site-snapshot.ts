/**
 * A private copy of the site to build from. Astro writes per-build state into
 * `<root>/.astro/` (the content module map of MDX entries, and the prerender
 * chunks whenever outDir lies outside the root), so two builds of different
 * content from one root break each other. Building from a snapshot keeps the
 * benchmark and everyone else's builds apart, and measures one fixed version
 * of the site even while others edit src/.
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const COPIED = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/** Copies the site's sources into `dir` (emptied first) and links the project's node_modules. */
export function snapshotSite(projectRoot: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of COPIED) {
    const from = join(projectRoot, name);
    if (existsSync(from)) cpSync(from, join(dir, name), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}
