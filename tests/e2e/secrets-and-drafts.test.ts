/**
 * The production dist/ carries no secret and no draft: every file is read,
 * gzip-compressed ones (Pagefind's index and fragments) decompressed first.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DRAFT_MARKER, SECRET_ENV_MARKERS } from './support/markers.ts';

const dist = join(process.cwd(), 'dist');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

function readable(path: string): string {
  const bytes = readFileSync(path);
  const body = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return body.toString('latin1');
}

function filesContaining(needle: string): string[] {
  const lower = needle.toLowerCase();
  return [...files(dist)].filter((f) => readable(f).toLowerCase().includes(lower)).map((f) => relative(dist, f));
}

describe('a production build', () => {
  it('reads a realistic dist/ (pages, sitemap, search index)', () => {
    const all = [...files(dist)].map((f) => relative(dist, f));
    expect(all).toContain('index.html');
    expect(all.some((f) => f.startsWith('sitemap'))).toBe(true);
    expect(all.some((f) => f.startsWith('pagefind/') && f.endsWith('.pf_fragment'))).toBe(true);
  });

  it.each(Object.entries(SECRET_ENV_MARKERS))('never contains the value of %s', (_name, value) => {
    expect(filesContaining(value)).toEqual([]);
  });

  it('never contains a word that only a draft course uses', () => {
    expect(filesContaining(DRAFT_MARKER)).toEqual([]);
  });
});
