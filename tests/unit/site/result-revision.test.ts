/** resultRevision (src/lib/generated-files.ts): what makes `astro dev` re-read a video's material. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resultRevision } from '../../../src/lib/generated-files.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'ls-revision-'));
  roots.push(root);
  const dir = join(root, 'content', 'generated', 'videos', 'abc123DEF45');
  mkdirSync(dir, { recursive: true });
  return { root, dir };
}

describe('result revision', () => {
  it('changes when a result file is edited, added or removed, and only then', () => {
    const { root, dir } = project();
    writeFileSync(join(dir, 'notes.md'), '# Notes\n');
    const first = resultRevision('abc123DEF45', root);
    expect(resultRevision('abc123DEF45', root)).toBe(first);

    writeFileSync(join(dir, 'notes.md'), '# Notes, edited\n');
    const edited = resultRevision('abc123DEF45', root);
    expect(edited).not.toBe(first);

    // Same size, new time: an editor that rewrites a file in place.
    writeFileSync(join(dir, 'notes.md'), '# Notes, edIted\n');
    utimesSync(join(dir, 'notes.md'), new Date(), new Date(Date.now() + 5000));
    const touched = resultRevision('abc123DEF45', root);
    expect(touched).not.toBe(edited);

    writeFileSync(join(dir, 'quiz.yaml'), 'questions: []\n');
    const added = resultRevision('abc123DEF45', root);
    expect(added).not.toBe(touched);

    rmSync(join(dir, 'quiz.yaml'));
    expect(resultRevision('abc123DEF45', root)).not.toBe(added);
  });

  it('differs between a video with material and one without', () => {
    const { root, dir } = project();
    const none = resultRevision('abc123DEF45', root);
    writeFileSync(join(dir, 'meta.yaml'), 'title: x\n');
    expect(resultRevision('abc123DEF45', root)).not.toBe(none);
  });
});
