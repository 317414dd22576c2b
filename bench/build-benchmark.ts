/**
 * Measures what `npm run build` costs on a synthetic catalog (content check,
 * video pipeline on a warm cache, astro build, pagefind), and the bare-Astro
 * baseline with the same page count built in the same run, each from a cold
 * Astro cache in private folders so concurrent builds do not interfere.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { measureCommand, type ProcessMeasurement } from './measure-process.ts';
import { distProfile, htmlPages, type DistProfile } from './files.ts';
import { writeBaselineSite } from './baseline-site.ts';
import type { GeneratedCatalog } from './generate-catalog.ts';

export type BuildStep = 'prebuild' | 'astro' | 'pagefind';

export interface BuildMeasurement {
  steps: Partial<Record<BuildStep, ProcessMeasurement>>;
  wallMs: number;
  peakRssBytes: number;
  distBytes: number;
  dist: DistProfile;
  pages: number;
  outDir: string;
}

/**
 * The environment every measured command runs with: the project's Node first on PATH, no API key
 * (offline, like CI), and no YouTube (the synthetic ids do not exist; the prebuild would wait on a thumbnail fetch per video).
 */
export function benchEnv(projectRoot: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(projectRoot, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
    LEARNSPACE_NO_YOUTUBE: '1',
    ...extra,
  };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'NOTES_GENERATION_ENDPOINT', 'QUIZ_GENERATION_ENDPOINT', 'LEARNSPACE_DRAFTS']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

function total(steps: BuildMeasurement['steps'], outDir: string): BuildMeasurement {
  const list = Object.values(steps);
  const dist = distProfile(outDir);
  return {
    steps,
    wallMs: list.reduce((n, s) => n + s.wallMs, 0),
    peakRssBytes: Math.max(0, ...list.map((s) => s.peakRssBytes)),
    distBytes: dist.bytes,
    dist,
    pages: htmlPages(outDir).length,
    outDir,
  };
}

/**
 * Our full build of `catalog`, steps in the order `npm run build` runs them: the
 * prebuild (content check and pipeline) from the project, the site from `siteDir`
 * (a snapshot, see site-snapshot.ts) into its own dist/.
 */
export async function measureOurBuild(projectRoot: string, siteDir: string, catalog: GeneratedCatalog, cacheDir: string): Promise<BuildMeasurement> {
  const outDir = join(siteDir, 'dist');
  rmSync(outDir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  const env = benchEnv(projectRoot, { LEARNSPACE_CONTENT: catalog.dir, LEARNSPACE_CACHE_DIR: cacheDir });
  const run = (cwd: string, bin: string, args: string[]) => measureCommand(join(projectRoot, 'node_modules', '.bin', bin), args, { cwd, env });
  const steps: BuildMeasurement['steps'] = {};
  // The content check and the warm pipeline, in one process, exactly as `npm run prebuild` runs them.
  steps.prebuild = await run(projectRoot, 'node', ['scripts/prebuild.ts']);
  steps.astro = await run(siteDir, 'astro', ['build']);
  steps.pagefind = await run(siteDir, 'pagefind', ['--site', outDir]);
  return total(steps, outDir);
}

/** The baseline site with `pageCount` pages from the catalog's text, built and indexed the same way. */
export async function measureBaselineBuild(
  projectRoot: string,
  catalog: GeneratedCatalog,
  siteDir: string,
  pageCount: number,
  cacheDir: string,
): Promise<BuildMeasurement> {
  writeBaselineSite(siteDir, projectRoot, catalog.documents, pageCount);
  rmSync(cacheDir, { recursive: true, force: true });
  const outDir = join(siteDir, 'dist');
  const env = benchEnv(projectRoot, { LEARNSPACE_CACHE_DIR: cacheDir });
  const run = (bin: string, args: string[]) => measureCommand(join(projectRoot, 'node_modules', '.bin', bin), args, { cwd: siteDir, env });
  const steps: BuildMeasurement['steps'] = {};
  steps.astro = await run('astro', ['build']);
  steps.pagefind = await run('pagefind', ['--site', outDir]);
  return total(steps, outDir);
}
