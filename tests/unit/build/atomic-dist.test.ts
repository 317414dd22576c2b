/** `npm run build` swaps dist/ only when a build is complete: a failed build keeps the previous site. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAtomically } from '../../../scripts/build/atomic-dist.ts';

const roots: string[] = [];
function project(): { root: string; dist: string } {
  const root = mkdtempSync(join(tmpdir(), 'learnspace-dist-'));
  roots.push(root);
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'courses'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), 'previous build');
  writeFileSync(join(dist, 'courses', 'index.html'), 'previous course');
  return { root, dist };
}

afterEach(() => {
  while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true });
});

describe('buildAtomically', () => {
  it('keeps the previous site whole when the build fails half-way', async () => {
    const { root, dist } = project();
    const failing = buildAtomically(dist, (next) => {
      mkdirSync(next, { recursive: true });
      writeFileSync(join(next, 'index.html'), 'half a build');
      throw new Error('astro build failed');
    });
    await expect(failing).rejects.toThrow('astro build failed');
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('previous build');
    expect(readFileSync(join(dist, 'courses', 'index.html'), 'utf8')).toBe('previous course');
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('replaces the site with the new build, leaving no stale pages behind', async () => {
    const { root, dist } = project();
    await buildAtomically(dist, (next) => {
      mkdirSync(join(next, 'pagefind'), { recursive: true });
      writeFileSync(join(next, 'index.html'), 'new build');
      writeFileSync(join(next, 'pagefind', 'pagefind.js'), '// index');
    });
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('new build');
    expect(existsSync(join(dist, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(dist, 'courses'))).toBe(false);
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('builds the first site when there is none yet', async () => {
    const root = mkdtempSync(join(tmpdir(), 'learnspace-dist-'));
    roots.push(root);
    await buildAtomically(join(root, 'dist'), (next) => {
      mkdirSync(next);
      writeFileSync(join(next, 'index.html'), 'first');
    });
    expect(readFileSync(join(root, 'dist', 'index.html'), 'utf8')).toBe('first');
  });
});
