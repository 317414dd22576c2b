/**
 * A draft course is work in progress: its unfinished parts (no chapters, a chapter
 * without items, an empty text body) are warnings in `npm run check`, the prebuild,
 * the site's content loader, the LMS export and the studio, so committing it never
 * breaks the production build. The same parts in a published course stay errors, and
 * a draft's broken fields and references stay errors too. Each case adds to a copy of
 * the small valid fixture (tests/fixtures/content-valid).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { LoaderContext } from 'astro/loaders';
import { loadContentTree } from '../../../src/lib/content-tree.ts';
import { contentErrors, contentProblemCount, contentWarnings, formatProblem } from '../../../src/lib/friendly-errors.ts';
import { contentTreeLoaders } from '../../../src/site/content-loader.ts';
import { loadPublishedCourses } from '../../../scripts/export/course-model.ts';
import { ContentWriteError, ContentWriter } from '../../../src/studio/content-writer.ts';
import { CourseFiles } from '../../../src/studio/course-files.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/content-valid');
const node = join(import.meta.dirname, '../../../node_modules/.bin/node');
const checkScript = join(import.meta.dirname, '../../../scripts/check-content.ts');
const prebuildScript = join(import.meta.dirname, '../../../scripts/prebuild.ts');
const WIP = 'content/courses/wip';
const noChapters = `${WIP}/course.yaml: course has no chapters: add a chapter folder with a chapter.yaml`;
const noItems = `${WIP}/01-later/chapter.yaml: chapter has no items: add at least one item file (or a legacy \`video\`)`;

const roots: string[] = [];
afterEach(() => {
  while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true });
});

/** A copy of the valid fixture plus the given files. */
function site(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'learnspace-drafts-'));
  roots.push(root);
  cpSync(FIXTURE, root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

/** Two courses in progress: one with no chapters, one whose only chapter has no items. */
const unfinished = (courseYaml: string) => ({
  [`${WIP}/course.yaml`]: courseYaml,
  'content/courses/wip-two/course.yaml': courseYaml.replace('Work in progress', 'Second draft'),
  'content/courses/wip-two/01-later/chapter.yaml': 'name: Later\norder: 1\n',
});
const draftYaml = 'name: Work in progress\nisPublished: false\n';
const publishedYaml = 'name: Work in progress\nisPublished: true\n';

function run(script: string, root: string, env: Record<string, string> = {}) {
  const result = spawnSync(node, [script], { cwd: root, encoding: 'utf8', env: { ...process.env, LEARNSPACE_CONTENT: '', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the content tree', () => {
  it('reports the unfinished parts of a draft as warnings, of a published course as errors', () => {
    const draft = loadContentTree(site(unfinished(draftYaml))).problems;
    expect(contentErrors(draft)).toEqual([]);
    expect(contentWarnings(draft).map(formatProblem).sort()).toEqual([`warning: ${noChapters}`, `warning: ${noItems.replace(WIP, `${WIP}-two`)}`].sort());
    const published = loadContentTree(site(unfinished(publishedYaml))).problems;
    expect(contentWarnings(published)).toEqual([]);
    expect(contentErrors(published).map(formatProblem).sort()).toEqual([noChapters, noItems.replace(WIP, `${WIP}-two`)].sort());
  });

  it('treats `status: draft` as a draft even when isPublished is true', () => {
    const problems = loadContentTree(site({ [`${WIP}/course.yaml`]: 'name: Work in progress\nisPublished: true\nstatus: draft\n' })).problems;
    expect(problems.map(formatProblem)).toEqual([`warning: ${noChapters}`]);
  });

  it('warns about an empty text item in a draft, and still fails its broken fields and references', () => {
    const problems = loadContentTree(
      site({
        [`${WIP}/course.yaml`]: draftYaml,
        [`${WIP}/01-later/chapter.yaml`]: 'name: Later\norder: first\n',
        [`${WIP}/02-soon/chapter.yaml`]: 'name: Soon\norder: 2\n',
        [`${WIP}/02-soon/01-notes.mdx`]: '---\ntype: text\norder: 1\ntitle: Notes\n---\n',
        [`${WIP}/02-soon/02-lecture.yaml`]: 'type: video\norder: 2\nvideo: aircAruvnKx\n',
      }),
    ).problems;
    expect(problems.map(formatProblem).sort()).toEqual([
      `${WIP}/01-later/chapter.yaml: order: expected a number, got "first"`,
      `${WIP}/02-soon/02-lecture.yaml: video: expected a video in the library, got "aircAruvnKx": did you mean "aircAruvnKk" (content/videos/aircAruvnKk.yaml)?`,
      `warning: ${WIP}/02-soon/01-notes.mdx: expected the text below the frontmatter, but the body is empty`,
    ]);
  });
});

describe('npm run check', () => {
  it('prints the warnings of drafts with no chapters and with an empty chapter, and exits 0', () => {
    const { status, stdout, stderr } = run(checkScript, site(unfinished(draftYaml)));
    expect(status).toBe(0);
    expect(stdout).toMatch(/✓ content OK: 3 courses, 2 chapters, 6 items/);
    expect(stderr).toContain(`  warning: ${noChapters}\n`);
    expect(stderr).toContain(`  warning: ${noItems.replace(WIP, `${WIP}-two`)}\n`);
  });

  it('fails the same courses published, with the errors, and exits 1', () => {
    const { status, stderr } = run(checkScript, site(unfinished(publishedYaml)));
    expect(status).toBe(1);
    expect(stderr).toContain('✗ 2 problems in content');
    expect(stderr).toContain(`  ${noChapters}\n`);
    expect(stderr).toContain(`  ${noItems.replace(WIP, `${WIP}-two`)}\n`);
    expect(stderr).not.toContain('warning: content/courses/wip');
  });

  it('lets the prebuild of `npm run build` go on past a draft with no chapters, printing the warning', () => {
    const { status, stdout, stderr } = run(prebuildScript, site({ [`${WIP}/course.yaml`]: draftYaml }), { LEARNSPACE_NO_YOUTUBE: '1' });
    expect(stdout).toContain('✓ content OK: 2 courses');
    expect(stderr).toContain(`warning: ${noChapters}`);
    expect(status).toBe(0);
  });
});

/** Astro's side of a loader call during `astro build` (no watcher): a store and a logger that keep what they get. */
function buildContext() {
  const entries = new Map<string, unknown>();
  const logged: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => logged.push({ level, message });
  const context = {
    store: { clear: () => entries.clear(), set: (e: { id: string }) => (entries.set(e.id, e), true) },
    logger: { warn: log('warn'), error: log('error'), info: log('info'), debug: log('debug') },
  } as unknown as LoaderContext;
  return { context, entries, logged };
}

describe('the site content loader (astro build)', () => {
  it('loads a draft with no chapters and logs the warning, counting no errors for the dev overlay', async () => {
    const loaders = contentTreeLoaders(site({ [`${WIP}/course.yaml`]: draftYaml }));
    const courses = buildContext();
    await loaders.courses.load(courses.context);
    expect([...courses.entries.keys()].sort()).toEqual(['demo', 'wip']);
    expect(contentProblemCount()).toBe(0);
    const problems = buildContext();
    await loaders.contentProblems.load(problems.context);
    expect(problems.logged).toEqual([{ level: 'warn', message: expect.stringContaining(`warning: ${noChapters}`) as string }]);
  });

  it('fails the build on the same course published', async () => {
    const loaders = contentTreeLoaders(site({ [`${WIP}/course.yaml`]: publishedYaml }));
    await expect(loaders.courses.load(buildContext().context)).rejects.toThrow(`1 problem in content:\n${noChapters}`);
    expect(contentProblemCount()).toBe(1);
  });
});

describe('the LMS export', () => {
  it('exports the published courses past an empty draft, leaving the draft out', () => {
    const courses = loadPublishedCourses(site(unfinished(draftYaml)));
    expect(courses.published.map((c) => c.slug)).toEqual(['demo']);
    expect(courses.hidden.map((c) => c.slug).sort()).toEqual(['wip', 'wip-two']);
  });
});

describe('the studio', () => {
  it('counts a draft’s unfinished parts as warnings, not errors, in the course list', async () => {
    const root = site({});
    const files = new CourseFiles(new ContentWriter({ root }));
    const { slug } = await files.createCourse({ name: 'Work in progress' });
    expect(files.listCourses().find((c) => c.slug === slug)).toMatchObject({ problems: 0, warnings: 1 });
    expect(files.getCourse(slug)?.problems.map(formatProblem)).toEqual([`warning: ${noChapters.replace(WIP, `content/courses/${slug}`)}`]);
  });

  it('saves an empty text item in a draft (a warning) but refuses it in a published course (an error)', async () => {
    const root = site({ [`${WIP}/course.yaml`]: draftYaml, [`${WIP}/01-later/chapter.yaml`]: 'name: Later\norder: 1\n' });
    const writer = new ContentWriter({ root });
    const empty = '---\ntype: text\norder: 1\ntitle: Notes\n---\n';
    await writer.apply([{ kind: 'write', file: `${WIP}/01-later/01-notes.mdx`, text: empty, baseVersion: null }]);
    expect(contentErrors(loadContentTree(root).problems)).toEqual([]);

    const published = 'content/courses/demo/01-start/07-notes.mdx';
    const error = await writer.apply([{ kind: 'write', file: published, text: empty.replace('order: 1', 'order: 7'), baseVersion: null }]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentWriteError);
    expect((error as ContentWriteError).problems.map(formatProblem)).toEqual([`${published}: expected the text below the frontmatter, but the body is empty`]);
  });
});
