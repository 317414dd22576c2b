/**
 * Builds the site (Astro + Pagefind) into a folder, with extra environment, as `npm run build` does,
 * from a private copy of the sources (support/site-root.ts), so builds may run at once.
 */
import { execFile } from 'node:child_process';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { siteRoot } from './site-root.ts';

const run = promisify(execFile);

export async function buildSite(outDir: string, env: Record<string, string> = {}): Promise<void> {
  const project = process.cwd();
  // One private root and Astro cache per output folder, kept where lint and git do not look.
  const work = join(project, 'tests', '.artifacts', 'builds', resolve(outDir).replace(/[^A-Za-z0-9]+/g, '-'));
  const root = siteRoot(join(work, 'root'), project);
  // Vitest puts its import.meta.env into process.env (NODE_ENV=test, DEV=1, MODE=test, ...), and Astro reads
  // import.meta.env.DEV from there: drafts, the admin page and React's development build would leak into dist/.
  const { DEV: _dev, PROD: _prod, MODE: _mode, SSR: _ssr, BASE_URL: _base, ...inherited } = process.env;
  const content = env.LEARNSPACE_CONTENT ?? inherited.LEARNSPACE_CONTENT ?? 'content';
  const options = {
    cwd: root,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      LEARNSPACE_CACHE_DIR: join(work, 'astro-cache'),
      ...env,
      // The copy has no content of its own: the project's, unless the caller names another.
      LEARNSPACE_CONTENT: isAbsolute(content) ? content : join(project, content),
    },
    maxBuffer: 64 * 1024 * 1024,
  };
  const bin = (name: string) => join(project, 'node_modules', '.bin', name);
  try {
    await run(bin('astro'), ['build', '--outDir', resolve(outDir)], options);
    await run(bin('pagefind'), ['--site', resolve(outDir)], options);
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`site build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
  }
}
