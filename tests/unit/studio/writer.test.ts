/**
 * The studio's content writer on a copy of the sample courses, with comments a
 * hand author writes: a write that `npm run check` would reject is refused with
 * the check's message and writes nothing; edits keep comments and formatting;
 * a file changed on disk since it was read is never overwritten; paths outside
 * content/ are refused; new files are named the way the authoring guide names them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentWriteError, ContentWriter } from '../../../src/studio/content-writer.ts';
import { CourseFiles } from '../../../src/studio/course-files.ts';
import { loadContentTree } from '../../../src/lib/content-tree.ts';
import { formatProblem } from '../../../src/lib/friendly-errors.ts';

const project = join(import.meta.dirname, '../../..');
const nn = 'content/courses/neural-networks';
const chapter1 = `${nn}/01-what-is-a-network`;

/** course.yaml as the README's authoring guide writes it: comments after values. */
const commentedCourse = `# Maintained by the ML reading group; ask in #ml before changing the outline.
name: Neural Networks, Visually  # the only required field
description: How a network recognises digits and how it learns.
createdBy: jdoe                 # who maintains it
isPublished: true               # false (the default): absent from the production site
status: ready                   # draft | generating | ready | failed (draft hides it too)
level: beginner                 # beginner | intermediate | advanced
language: en
tags: [machine learning]
authors: [Jane Doe]
`;

let root: string;
let files: CourseFiles;
let writer: ContentWriter;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const write = (file: string, text: string) => writeFileSync(join(root, file), text);

/** Every file under content/ with its text, to prove a refused write changed nothing. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, read(rel));
    }
  };
  walk('content');
  return out;
}

async function refusal(action: Promise<unknown>): Promise<ContentWriteError> {
  const error = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentWriteError);
  return error as ContentWriteError;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'learnspace-writer-'));
  cpSync(join(project, 'content/courses'), join(root, 'content/courses'), { recursive: true });
  cpSync(join(project, 'content/videos'), join(root, 'content/videos'), { recursive: true });
  cpSync(join(project, 'public'), join(root, 'public'), { recursive: true });
  write(`${nn}/course.yaml`, commentedCourse);
  write(`${chapter1}/chapter.yaml`, read(`${chapter1}/chapter.yaml`).replace('order: 1', 'order: 1 # keep first: the other chapters build on it'));
  writer = new ContentWriter({ root });
  files = new CourseFiles(writer);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('content writer: validation', () => {
  it("refuses a quiz answer outside its choices with the check's message, and writes nothing", async () => {
    const file = `${chapter1}/03-network-anatomy-quiz.yaml`;
    const before = snapshot();
    const { version, text } = await writer.read(file);
    const bad = text!.replace('answer: 0', 'answer: 7');
    const error = await refusal(writer.apply([{ kind: 'write', file, text: bad, baseVersion: version }]));
    expect(error.reason).toBe('invalid');
    expect(error.problems.map(formatProblem)).toEqual([`${file}: questions[0].answer: expected 0-3 (one of the 4 choices), got 7`]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses what only the cross-file rules catch: a clashing order, a video missing from the library', async () => {
    const lecture = `${chapter1}/01-lecture.yaml`;
    const { version } = await writer.read(lecture);
    const clash = await refusal(files.editItem(lecture, version, { order: 2 }));
    expect(clash.problems.map(formatProblem).join('\n')).toMatch(
      /01-lecture\.yaml: order: expected an order unique within the chapter, got 2, already used by .*02-neurons-as-numbers\.mdx|02-neurons-as-numbers\.mdx: order: expected an order unique within the chapter, got 2, already used by .*01-lecture\.yaml/,
    );
    const typo = await refusal(files.editItem(lecture, version, { video: 'aircAruvKnk' }));
    expect(typo.problems.map(formatProblem)).toEqual([
      `${lecture}: video: expected a video in the library, got "aircAruvKnk": did you mean "aircAruvnKk" (content/videos/aircAruvnKk.yaml)?`,
    ]);
    expect(read(lecture)).toContain('video: aircAruvnKk');
  });

  it('refuses an MDX body that does not compile, at its line in the file', async () => {
    const file = `${chapter1}/02-neurons-as-numbers.mdx`;
    const { version } = await writer.read(file);
    const before = read(file);
    const error = await refusal(files.editItem(file, version, {}, 'Intro.\n\n<Calout>Careful</Calout>\n'));
    expect(error.problems.map(formatProblem)).toEqual([`${file}: line 11: unknown component <Calout>: did you mean <Callout>?`]);
    expect(read(file)).toBe(before);
  });

  it('lets a course be built step by step (a course before its chapters, a chapter before its items) but not published unfinished', async () => {
    const { slug, file } = await files.createCourse({ name: 'Intro to Optimisation' });
    expect(slug).toBe('intro-to-optimisation');
    expect(read(file)).toBe('name: Intro to Optimisation\nisPublished: false\nstatus: draft\n');
    const { folder } = await files.addChapter(slug, 'Why optimise?');
    expect(folder).toBe('content/courses/intro-to-optimisation/01-why-optimise');
    const { version } = await writer.read(file);
    const error = await refusal(files.editCourse(slug, version, { isPublished: true }));
    expect(formatProblem(error.problems[0]!)).toBe(
      `${file}: isPublished: cannot publish yet: fix the course's problems first (1), e.g. ${folder}/chapter.yaml: chapter has no items: add at least one item file (or a legacy \`video\`)`,
    );
    await files.addItem(folder, 'resource', { title: 'Convex Optimization (free book)', url: 'https://web.stanford.edu/~boyd/cvxbook/' });
    await files.editCourse(slug, version, { isPublished: true, status: null });
    expect(read(file)).toBe('name: Intro to Optimisation\nisPublished: true\n');
    expect(loadContentTree(root).problems).toEqual([]);
  });
});

describe('content writer: what the author wrote stays', () => {
  it('changes only the edited line of a commented course.yaml', async () => {
    const file = `${nn}/course.yaml`;
    const { version } = await writer.read(file);
    await files.editCourse('neural-networks', version, { status: 'draft' });
    expect(read(file)).toBe(commentedCourse.replace('status: ready     ', 'status: draft     '));
  });

  it('keeps a commented chapter.yaml, folded description included, when it is renamed', async () => {
    const file = `${chapter1}/chapter.yaml`;
    const before = read(file);
    const { version } = await writer.read(file);
    await files.editChapter(file, version, { name: 'What is a network?' });
    expect(read(file)).toBe(before.replace('name: What is a neural network?', 'name: What is a network?'));
    expect(read(file)).toContain('order: 1 # keep first: the other chapters build on it');
  });

  it("saves an MDX item's frontmatter and body without touching the rest", async () => {
    const file = `${chapter1}/02-neurons-as-numbers.mdx`;
    const before = read(file);
    const { version } = await writer.read(file);
    await files.editItem(file, version, { minutes: 10 });
    expect(read(file)).toBe(before.replace('minutes: 8', 'minutes: 10'));
    const next = await writer.read(file);
    await files.editItem(file, next.version, {}, 'A shorter text.\n');
    expect(read(file)).toBe(`${before.replace('minutes: 8', 'minutes: 10').split('---\n\n')[0]}---\n\nA shorter text.\n`);
  });

  it("reorders items by rewriting `order` only where it changes, keeping file names (and learners' progress)", async () => {
    const course = files.getCourse('neural-networks')!;
    const items = course.chapters[0]!.items;
    const reversed = [...items].reverse().map((i) => ({ file: i.file, version: i.version }));
    await files.reorder(reversed);
    const after = files.getCourse('neural-networks')!.chapters[0]!.items;
    expect(after.map((i) => i.slug)).toEqual(['04-nielsen-chapter-1', '03-network-anatomy-quiz', '02-neurons-as-numbers', '01-lecture']);
    expect(read(`${chapter1}/01-lecture.yaml`)).toBe(
      'type: video\norder: 4\ntitle: "Lecture: But what is a neural network?"\ndescription: The structure of a network that recognises handwritten digits, neuron by neuron.\nvideo: aircAruvnKk\n',
    );
    expect(loadContentTree(root).problems).toEqual([]);
  });
});

describe("content writer: new files read like a careful author's", () => {
  it("names a chapter folder and its items NN-slug, with fields in the guide's order", async () => {
    const { folder, file } = await files.addChapter('neural-networks', 'Beyond the basics: CNNs!');
    expect(folder).toBe(`${nn}/04-beyond-the-basics-cnns`);
    expect(read(file)).toBe('name: "Beyond the basics: CNNs!"\norder: 4\n');
    const text = await files.addItem(
      folder,
      'text',
      {
        title: 'Convolutions in one page',
        description: 'A filter slides over the image and computes one weighted sum per position, just like a neuron with shared weights.',
      },
      'A convolution is a **weighted sum** that slides.\n',
    );
    expect(text.file).toBe(`${folder}/01-convolutions-in-one-page.mdx`);
    expect(read(text.file)).toBe(
      '---\ntype: text\norder: 1\ntitle: Convolutions in one page\ndescription: >-\n  A filter slides over the image and computes one weighted sum per position,\n  just like a neuron with shared weights.\n---\n\nA convolution is a **weighted sum** that slides.\n',
    );
    const quiz = await files.addItem(folder, 'quiz', {
      title: 'Check: convolutions',
      passMark: 70,
      questions: [{ prompt: 'What does a filter share across positions?', choices: ['Its weights', 'Its activations'], answer: 0 }],
    });
    expect(read(quiz.file)).toBe(
      'type: quiz\norder: 2\ntitle: "Check: convolutions"\npassMark: 70\nquestions:\n  - prompt: What does a filter share across positions?\n    choices:\n      - Its weights\n      - Its activations\n    answer: 0\n',
    );
    expect(loadContentTree(root).problems).toEqual([]);
  });

  it('refuses a second file under a name already taken, and a course slug that is not a slug', async () => {
    const taken = await refusal(files.createCourse({ name: 'Again', slug: 'neural-networks' }));
    expect(formatProblem(taken.problems[0]!)).toBe(`${nn}/course.yaml: slug: a course "neural-networks" already exists: choose another folder name`);
    const bad = await refusal(files.createCourse({ name: 'Bad', slug: 'Bad Slug' }));
    expect(formatProblem(bad.problems[0]!)).toBe(
      'content/courses/Bad Slug/course.yaml: slug: expected a lowercase slug of letters, digits and single hyphens, like "intro-to-ml", got "Bad Slug"',
    );
    expect(existsSync(join(root, 'content/courses/Bad Slug'))).toBe(false);
  });
});

describe('content writer: concurrent edits', () => {
  it('refuses a save based on a version the file no longer has, keeping the change made on disk', async () => {
    const file = `${nn}/course.yaml`;
    const { version } = await writer.read(file);
    write(file, commentedCourse.replace('level: beginner', 'level: intermediate'));
    const error = await refusal(files.editCourse('neural-networks', version, { status: 'draft' }));
    expect(error.reason).toBe('conflict');
    expect(formatProblem(error.problems[0]!)).toBe(`${file}: changed on disk since you opened it; reload to see the change`);
    expect(read(file)).toContain('level: intermediate');
    expect(read(file)).toContain('status: ready');
  });

  it('lets only one of two saves from the same version through (two tabs), refusing the other', async () => {
    const file = `${chapter1}/chapter.yaml`;
    const { version } = await writer.read(file);
    const names = ['First tab', 'Second tab'];
    const results = await Promise.allSettled(names.map((name) => files.editChapter(file, version, { name })));
    const won = results.findIndex((r) => r.status === 'fulfilled');
    const lost = results.find((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(lost && formatProblem((lost.reason as ContentWriteError).problems[0]!)).toBe(
      `${file}: changed on disk since you opened it; reload to see the change`,
    );
    expect(read(file)).toContain(`name: ${names[won]}`);
  });

  it('refuses to delete a chapter when one of its files changed since the builder listed them', async () => {
    const chapter = files.getCourse('neural-networks')!.chapters[2]!;
    const versions = Object.fromEntries([[chapter.file, chapter.version!], ...chapter.items.map((i) => [i.file, i.version])]);
    write(chapter.items[0]!.file, `${read(chapter.items[0]!.file)}# a note added in the editor\n`);
    await refusal(files.deleteChapter(chapter.folder, versions));
    expect(existsSync(join(root, chapter.folder))).toBe(true);
    const fresh = files.getCourse('neural-networks')!.chapters[2]!;
    await files.deleteChapter(fresh.folder, Object.fromEntries([[fresh.file, fresh.version!], ...fresh.items.map((i) => [i.file, i.version])]));
    expect(existsSync(join(root, chapter.folder))).toBe(false);
    expect(loadContentTree(root).problems).toEqual([]);
  });
});

describe('content writer: paths', () => {
  it('refuses ../, absolute paths and symlinks, writing nothing outside content/', async () => {
    const text = 'name: Escaped\norder: 9\n';
    const outside = mkdtempSync(join(tmpdir(), 'learnspace-outside-'));
    try {
      const refusals: Record<string, string> = {
        'content/../escaped.yaml': '"../escaped.yaml" climbs out with ".."; give a path inside content/',
        [`${nn}/../../../escaped.yaml`]: '"courses/neural-networks/../../../escaped.yaml" climbs out with ".."; give a path inside content/',
        [join(outside, 'escaped.yaml')]: `"${join(outside, 'escaped.yaml')}" is outside content/; the studio writes only to files inside it`,
        'package.json': '"package.json" is outside content/; the studio writes only to files inside it',
      };
      for (const [file, message] of Object.entries(refusals)) {
        const error = await refusal(writer.apply([{ kind: 'write', file, text, baseVersion: null }]));
        expect(error.reason).toBe('path');
        expect(formatProblem(error.problems[0]!)).toBe(`${file}: ${message}`);
      }
      mkdirSync(join(outside, 'ch'));
      symlinkSync(join(outside, 'ch'), join(root, nn, '09-linked'));
      const error = await refusal(writer.apply([{ kind: 'write', file: `${nn}/09-linked/chapter.yaml`, text, baseVersion: null }]));
      expect(formatProblem(error.problems[0]!)).toBe(
        `${nn}/09-linked/chapter.yaml: "courses/neural-networks/09-linked/chapter.yaml" leads outside content/ through a symbolic link; the studio writes only to files inside content/`,
      );
      expect(readdirSync(join(outside, 'ch'))).toEqual([]);
      expect(existsSync(join(root, 'escaped.yaml'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
