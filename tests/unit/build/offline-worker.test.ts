/**
 * The offline worker's build step (src/integrations/offline-worker.ts): what it precaches, and
 * that the worker it writes is one classic script with that list inside. The worker itself is
 * exercised in Chromium by tests/e2e/review-offline.test.ts (a saved course read offline).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { precacheManifest, serviceWorkerCode } from '../../../src/integrations/offline-worker.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function site(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ls-sw-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('offline worker', () => {
  it('precaches the hashed scripts and styles under _astro/ as they are, and the favicon by its content', () => {
    const root = site({
      '_astro/player.CtjwQnFZ.js': 'export {}',
      '_astro/search.BFZeK6YO.css': 'a{}',
      '_astro/sub/chunk.Ab12.js': 'export {}',
      '_astro/photo.Xy9.webp': 'RIFF',
      'favicon.svg': '<svg/>',
      'index.html': '<!doctype html>',
    });
    const manifest = precacheManifest(root);
    expect(manifest.map((e) => e.url)).toEqual(['_astro/player.CtjwQnFZ.js', '_astro/search.BFZeK6YO.css', '_astro/sub/chunk.Ab12.js', 'favicon.svg']);
    expect(manifest.filter((e) => e.url.startsWith('_astro/')).every((e) => e.revision === null)).toBe(true);
    const favicon = manifest.find((e) => e.url === 'favicon.svg')!.revision;
    expect(favicon).toMatch(/^[0-9a-f]{32}$/);

    writeFileSync(join(root, 'favicon.svg'), '<svg viewBox="0 0 1 1"/>');
    expect(precacheManifest(root).find((e) => e.url === 'favicon.svg')!.revision).not.toBe(favicon);
  });

  it('has nothing to precache on a site without scripts, styles or favicon', () => {
    expect(precacheManifest(site({ 'index.html': '<!doctype html>' }))).toEqual([]);
  });

  it('writes one classic script with the list inside and no development code', async () => {
    const code = await serviceWorkerCode([
      { url: '_astro/player.CtjwQnFZ.js', revision: null },
      { url: 'favicon.svg', revision: '0123456789abcdef0123456789abcdef' },
    ]);
    // A classic script: no module syntax, parses as a function body.
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(() => new Function(code)).not.toThrow();
    expect(code).toContain('_astro/player.CtjwQnFZ.js');
    expect(code).toContain('0123456789abcdef0123456789abcdef');
    expect(code).toContain('learnspace-offline');
    expect(code).not.toContain('process.env');
    expect(code).not.toContain('__PRECACHE_MANIFEST__');
    // Workbox's development logging is left out in production.
    expect(code).not.toContain('logger');
  });
});
