/**
 * loadContentTree joins the validated files into the one tree every consumer
 * reads: courses → chapters → items in authored order, each with the key
 * progress and the site use, matching the schemas the collections are typed with.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { courseNodeSchema, loadContentTree, videoNodeSchema } from '../../../src/lib/content-tree.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/content-valid');
const roots: string[] = [];

function fixture(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'learnspace-tree-'));
  roots.push(root);
  cpSync(FIXTURE, root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

afterEach(() => {
  while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true });
});

describe('loadContentTree', () => {
  it('orders chapters and items by `order`, not by folder or file name, and keys them course/chapter/item', () => {
    const root = fixture({
      'content/courses/demo/00-appendix/chapter.yaml': 'name: Appendix\norder: 9\n',
      'content/courses/demo/00-appendix/b-first.yaml': 'type: resource\norder: 1\ntitle: First\nurl: https://example.org/1\n',
      'content/courses/demo/00-appendix/a-second.yaml': 'type: resource\norder: 2\ntitle: Second\nurl: https://example.org/2\n',
    });
    const tree = loadContentTree(root);
    expect(tree.problems).toEqual([]);
    const [course] = tree.courses;
    expect(course!.slug).toBe('demo');
    expect(course!.chapters.map((c) => [c.slug, c.key])).toEqual([
      ['01-start', 'demo/01-start'],
      ['00-appendix', 'demo/00-appendix'],
    ]);
    expect(course!.chapters[1]!.items.map((i) => [i.key, i.data.title])).toEqual([
      ['demo/00-appendix/b-first', 'First'],
      ['demo/00-appendix/a-second', 'Second'],
    ]);
    expect(course!.chapters[0]!.items.map((i) => i.slug)).toEqual(['01-lecture', '02-reading', '03-quiz', '04-homework', '05-link', '06-sheet']);
  });

  it('keeps the MDX body with the line it starts on, for word counts and messages', () => {
    const item = loadContentTree(fixture()).courses[0]!.chapters[0]!.items.find((i) => i.slug === '02-reading')!;
    expect(item.file).toBe('content/courses/demo/01-start/02-reading.mdx');
    expect(item.body?.trim().length).toBeGreaterThan(0);
    expect(item.bodyLine).toBeGreaterThan(1);
  });

  it('produces exactly the shapes the site collections are typed with', () => {
    const tree = loadContentTree(fixture());
    for (const course of tree.courses) expect(courseNodeSchema.parse(course)).toEqual(course);
    for (const video of tree.videos) expect(videoNodeSchema.parse(video)).toEqual(video);
    expect(tree.videos.map((v) => [v.id, v.file])).toEqual([['aircAruvnKk', 'content/videos/aircAruvnKk.yaml']]);
  });

  it('leaves a course with problems out of the tree while reporting them', () => {
    const tree = loadContentTree(fixture({ 'content/courses/demo/course.yaml': 'description: no name\n' }));
    expect(tree.courses).toEqual([]);
    expect(tree.problems.map((p) => p.field)).toEqual(['name']);
  });
});
