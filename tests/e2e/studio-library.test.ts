/**
 * The instructor studio's video library. A production build holds nothing of the studio (no page,
 * script or API), even with the /admin/ dashboard built in; under `astro dev` on a temporary copy
 * of the site the library adds, processes and retries videos live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const project = process.cwd();
const fixture = join(project, 'tests', 'fixtures', 'content-valid');

/**
 * The environment for Astro in a temporary site: without vitest's variables (Astro's dev server
 * stands down when VITEST is set, and DEV/MODE would leak into the build) and with its own cache.
 */
function astroEnv(root: string, nodeEnv: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|DEV$|PROD$|MODE$|SSR$|BASE_URL$|TEST$|LEARNSPACE_)/.test(key)));
  return { ...env, NODE_ENV: nodeEnv, LEARNSPACE_CACHE_DIR: join(root, '.astro-cache'), ...extra };
}

/** A copy of the site with the small valid fixture's content, sharing node_modules. */
function temporarySite(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const name of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(project, name), join(root, name), { recursive: true });
  cpSync(join(fixture, 'content'), join(root, 'content'), { recursive: true });
  cpSync(join(fixture, 'public'), join(root, 'public'), { recursive: true });
  symlinkSync(join(project, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('a production build', () => {
  let root: string;
  let dist: string;

  beforeAll(() => {
    root = temporarySite('learnspace-studio-build-');
    dist = join(root, 'dist');
    // With the read-only dashboard and drafts built in, the widest a build gets.
    execFileSync(join(project, 'node_modules', '.bin', 'astro'), ['build', '--outDir', dist], { cwd: root, env: astroEnv(root, 'production', { LEARNSPACE_ADMIN: '1', LEARNSPACE_DRAFTS: '1' }), stdio: 'pipe' });
  }, 240_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('has no studio page, script or API, and its dashboard links to none', () => {
    expect(existsSync(join(dist, 'admin', 'index.html')), 'the dashboard is built').toBe(true);
    const leaks: string[] = [];
    for (const file of filesUnder(dist)) {
      if (!/\.(html|js|mjs|json|xml|txt|css|map)$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const marker of ['__studio', '/admin/videos/', '/admin/courses/', 'Studio home', 'learnspace-studio']) if (text.includes(marker)) leaks.push(`${relative(dist, file)}: ${marker}`);
    }
    expect(leaks).toEqual([]);
    expect(existsSync(join(dist, 'admin', 'videos'))).toBe(false);
    expect(existsSync(join(dist, '__studio'))).toBe(false);
  });
});
