/**
 * What the studio's course screens do to files: list courses, read one
 * course's tree with each file's version, and turn "add a chapter", "rename",
 * "reorder", "save this item" into file changes for the ContentWriter, named
 * the way the README's authoring guide names files.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { readContent, contentDir, suggestSlug } from '../lib/content-files.ts';
import { validateContent } from '../lib/validate-content.ts';
import { mdxItemTypes, itemTypes, type ItemType } from '../lib/schema.ts';
import { contentErrors, contentWarnings, type ContentProblem } from '../lib/friendly-errors.ts';
import {
  ContentWriteError,
  ContentWriter,
  editYaml,
  joinMdx,
  newYaml,
  splitMdx,
  versionOf,
  type FieldEdits,
  type FileChange,
  type FileVersion,
} from './content-writer.ts';

/** One course in the studio's course list. */
export interface CourseSummary {
  slug: string;
  file: string;
  version: FileVersion;
  name: string;
  status: string;
  isPublished: boolean;
  createdBy: string | null;
  thumbnail: string | null;
  chapters: number;
  items: number;
  /** Errors `npm run check` reports for the course's files: they fail the build. */
  problems: number;
  /** Warnings: a draft's unfinished parts, which block publishing but not the build. */
  warnings: number;
}

export interface StudioItem {
  slug: string;
  file: string;
  version: string;
  type: ItemType | null;
  /** The fields as written (frontmatter for MDX items). */
  data: Record<string, unknown>;
  /** The MDX body of text and assignment items. */
  body: string | null;
}

export interface StudioChapter {
  slug: string;
  folder: string;
  file: string;
  version: FileVersion;
  data: Record<string, unknown>;
  items: StudioItem[];
}

export interface StudioCourse {
  slug: string;
  file: string;
  version: FileVersion;
  data: Record<string, unknown>;
  chapters: StudioChapter[];
  /** Every problem `npm run check` reports for the course's files, unfinished parts included (warnings in a draft). */
  problems: ContentProblem[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const orderOf = (data: Record<string, unknown>) => (typeof data.order === 'number' ? data.order : Number.MAX_SAFE_INTEGER);
const byOrder = <T extends { data: Record<string, unknown>; slug: string }>(a: T, b: T) => orderOf(a.data) - orderOf(b.data) || a.slug.localeCompare(b.slug);

/** Refusal for a request that names something that is not there. */
function notFound(file: string, what: string): ContentWriteError {
  return new ContentWriteError('invalid', [{ file, field: '', message: `${what} does not exist (deleted on disk?); reload the page` }]);
}

/** The course-level operations over one project root. */
export class CourseFiles {
  readonly writer: ContentWriter;
  readonly root: string;

  constructor(writer: ContentWriter) {
    this.writer = writer;
    this.root = writer.root;
  }

  /** `content/courses` relative to the root, as file paths in messages are written. */
  get coursesDir(): string {
    return relative(this.root, join(contentDir(this.root), 'courses'))
      .split(sep)
      .join('/');
  }

  private versionOfFile(file: string): string {
    return versionOf(readFileSync(join(this.root, file), 'utf8').replace(/^\uFEFF/, ''));
  }

  /** Every course with its status, author and counts, for /admin/courses/. */
  listCourses(): CourseSummary[] {
    const raw = readContent(this.root);
    const { problems } = validateContent(raw);
    return raw.courses.map((c) => {
      const data = asRecord(c.course?.data);
      const file = `${c.dir}/course.yaml`;
      const own = problems.filter((p) => p.file.startsWith(`${c.dir}/`));
      return {
        slug: c.slug,
        file,
        version: existsSync(join(this.root, file)) ? this.versionOfFile(file) : null,
        name: typeof data.name === 'string' ? data.name : c.slug,
        status: typeof data.status === 'string' ? data.status : 'ready',
        isPublished: data.isPublished === true,
        createdBy: typeof data.createdBy === 'string' ? data.createdBy : null,
        thumbnail: typeof data.thumbnail === 'string' ? data.thumbnail : null,
        chapters: c.chapters.length,
        items: c.chapters.reduce((n, ch) => n + ch.items.length, 0),
        problems: contentErrors(own).length,
        warnings: contentWarnings(own).length,
      };
    });
  }

  /** One course's tree, chapters and items in `order`, each file with its version. */
  getCourse(slug: string): StudioCourse | null {
    const raw = readContent(this.root);
    const course = raw.courses.find((c) => c.slug === slug);
    if (!course) return null;
    const { problems } = validateContent(raw);
    const file = `${course.dir}/course.yaml`;
    const chapters: StudioChapter[] = course.chapters.map((ch) => ({
      slug: ch.slug,
      folder: ch.dir,
      file: `${ch.dir}/chapter.yaml`,
      version: ch.chapter ? this.versionOfFile(ch.chapter.file) : null,
      data: asRecord(ch.chapter?.data),
      items: ch.items
        .map((i) => {
          const data = asRecord(i.data);
          const type = (itemTypes as readonly unknown[]).includes(data.type) ? (data.type as ItemType) : null;
          return { slug: i.slug, file: i.file, version: this.versionOfFile(i.file), type, data, body: i.body ?? null };
        })
        .sort(byOrder),
    }));
    chapters.sort(byOrder);
    return {
      slug,
      file,
      version: course.course ? this.versionOfFile(file) : null,
      data: asRecord(course.course?.data),
      chapters,
      problems: problems.filter((p) => p.file.startsWith(`${course.dir}/`)),
    };
  }

  /** Writes content/courses/<slug>/course.yaml for a new course: unpublished, a draft. */
  async createCourse(input: { name: string; slug?: string | undefined; createdBy?: string | undefined }): Promise<{ slug: string; file: string }> {
    const slug = input.slug?.trim() || suggestSlug(input.name);
    const file = `${this.coursesDir}/${slug}/course.yaml`;
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      throw new ContentWriteError('invalid', [
        { file, field: 'slug', message: `expected a lowercase slug of letters, digits and single hyphens, like "intro-to-ml", got "${slug}"` },
      ]);
    }
    const text = newYaml({ name: input.name.trim(), createdBy: input.createdBy?.trim() || undefined, isPublished: false, status: 'draft' });
    try {
      await this.writer.apply([{ kind: 'write', file, text, baseVersion: null }]);
    } catch (error) {
      if (error instanceof ContentWriteError && error.reason === 'conflict') {
        throw new ContentWriteError('conflict', [{ file, field: 'slug', message: `a course "${slug}" already exists: choose another folder name` }]);
      }
      throw error;
    }
    return { slug, file };
  }

  /** Changes course fields (published, status, thumbnail, ...), keeping the rest of course.yaml as written. */
  async editCourse(slug: string, version: FileVersion, edits: FieldEdits): Promise<void> {
    const file = `${this.coursesDir}/${slug}/course.yaml`;
    const current = await this.writer.read(file);
    if (current.text === null) throw notFound(file, 'the course');
    if (edits.isPublished === true) {
      // Publishing an unfinished course would make the build fail; say what is missing instead.
      const unfinished = this.getCourse(slug)?.problems ?? [];
      if (unfinished.length > 0)
        throw new ContentWriteError('invalid', [
          {
            file,
            field: 'isPublished',
            message: `cannot publish yet: fix the course's problems first (${unfinished.length}), e.g. ${unfinished[0]?.file}: ${unfinished[0]?.message}`,
          },
        ]);
    }
    // A stale version is refused by the writer, even when the text matches what the edit expects.
    await this.writer.apply([{ kind: 'write', file, text: editYaml(current.text, edits), baseVersion: version }]);
  }

  /** Adds a chapter folder `NN-<name as slug>` with its chapter.yaml, last in the course. */
  async addChapter(courseSlug: string, name: string): Promise<{ folder: string; file: string }> {
    const course = this.getCourse(courseSlug);
    const courseFile = `${this.coursesDir}/${courseSlug}/course.yaml`;
    if (!course) throw notFound(courseFile, 'the course');
    const order = Math.max(0, ...course.chapters.map((ch) => (typeof ch.data.order === 'number' ? ch.data.order : 0))) + 1;
    const taken = new Set(course.chapters.map((ch) => ch.slug));
    const folderSlug = uniqueSlug(`${pad(order)}-${suggestSlug(name || 'chapter')}`, taken);
    const folder = `${this.coursesDir}/${courseSlug}/${folderSlug}`;
    const file = `${folder}/chapter.yaml`;
    await this.writer.apply([{ kind: 'write', file, text: newYaml({ name: name.trim(), order }), baseVersion: null }]);
    return { folder, file };
  }

  /** Renames a chapter (its `name`; the folder, and so its URL and learners' progress, stay). */
  async editChapter(file: string, version: FileVersion, edits: FieldEdits): Promise<void> {
    const current = await this.writer.read(file);
    if (current.text === null) throw notFound(file, 'the chapter');
    await this.writer.apply([{ kind: 'write', file, text: editYaml(current.text, edits), baseVersion: version }]);
  }

  /** Deletes a chapter folder and its items; refused if any of them changed since the builder read them. */
  async deleteChapter(folder: string, versions: Record<string, string>): Promise<void> {
    await this.writer.apply([{ kind: 'delete-folder', folder, baseVersions: versions }]);
  }

  /**
   * Adds an item file `NN-<title as slug>.yaml|mdx` at the end of a chapter, fields in the
   * order the authoring guide writes them. Refused (nothing written) when the check would fail.
   */
  async addItem(chapterFolder: string, type: ItemType, fields: FieldEdits, body?: string): Promise<{ file: string }> {
    const chapter = this.findChapter(chapterFolder);
    if (!chapter) throw notFound(`${chapterFolder}/chapter.yaml`, 'the chapter');
    const order = Math.max(0, ...chapter.items.map((i) => (typeof i.data.order === 'number' ? i.data.order : 0))) + 1;
    const title = typeof fields.title === 'string' && fields.title.trim() ? fields.title : type;
    const ext = mdxItemTypes.includes(type) ? '.mdx' : '.yaml';
    const slug = uniqueSlug(`${pad(order)}-${suggestSlug(title)}`, new Set(chapter.items.map((i) => i.slug)));
    const file = `${chapterFolder}/${slug}${ext}`;
    const ordered = orderFields({ ...fields, type, order });
    const text = ext === '.mdx' ? joinMdx(newYaml(ordered), body ?? '') : newYaml(ordered);
    await this.writer.apply([{ kind: 'write', file, text, baseVersion: null }]);
    return { file };
  }

  /** Saves an item's fields (and MDX body), keeping comments and the fields not edited. */
  async editItem(file: string, version: FileVersion, edits: FieldEdits, body?: string): Promise<void> {
    const current = await this.writer.read(file);
    if (current.text === null) throw notFound(file, 'the item');
    let text: string;
    if (file.endsWith('.mdx')) {
      const parts = splitMdx(current.text);
      text = joinMdx(editYaml(parts.frontmatter, edits), body ?? parts.body);
    } else {
      text = editYaml(current.text, edits);
    }
    await this.writer.apply([{ kind: 'write', file, text, baseVersion: version }]);
  }

  /** Deletes one item file. */
  async deleteItem(file: string, version: FileVersion): Promise<void> {
    await this.writer.apply([{ kind: 'delete', file, baseVersion: version }]);
  }

  /**
   * Rewrites `order` so the files come in the given sequence (1, 2, 3, ...), as one write:
   * only files whose order changes are touched; file names stay, so learners keep their progress.
   */
  async reorder(files: readonly { file: string; version: FileVersion }[]): Promise<void> {
    const changes: FileChange[] = [];
    for (const [index, { file, version }] of files.entries()) {
      const current = await this.writer.read(file);
      if (current.text === null) throw notFound(file, 'the file');
      const isMdx = file.endsWith('.mdx');
      const parts = isMdx ? splitMdx(current.text) : { frontmatter: current.text, body: '' };
      const edited = editYaml(parts.frontmatter, { order: index + 1 });
      if (edited === parts.frontmatter) continue;
      changes.push({ kind: 'write', file, text: isMdx ? joinMdx(edited, parts.body) : edited, baseVersion: version });
    }
    if (changes.length > 0) await this.writer.apply(changes);
  }

  private findChapter(folder: string): StudioChapter | undefined {
    const [courseSlug] = folder.slice(this.coursesDir.length + 1).split('/');
    return this.getCourse(courseSlug ?? '')?.chapters.find((ch) => ch.folder === folder);
  }

  /** Changed files under content/ (git status) and the commands that commit them on a branch of their own. */
  async changedFiles(branchHint: string): Promise<{ files: { status: string; file: string }[]; commands: string[]; git: boolean }> {
    const run = promisify(execFile);
    const content = relative(this.root, contentDir(this.root)).split(sep).join('/') || '.';
    let out: string;
    try {
      out = (await run('git', ['status', '--porcelain=v1', '--untracked-files=all', '--', content], { cwd: this.root })).stdout;
    } catch {
      return { files: [], commands: [], git: false };
    }
    const files = out
      .split('\n')
      .filter(Boolean)
      .map((line) => ({ status: gitStatusLabel(line.slice(0, 2)), file: line.slice(3).replace(/^"|"$/g, '') }));
    if (files.length === 0) return { files, commands: [], git: true };
    const branch = `course/${suggestSlug(branchHint)}`;
    return {
      files,
      git: true,
      commands: [
        `git switch -c ${branch}`,
        `git add -- ${files.map((f) => f.file).join(' ')}`,
        `git commit -m "${branchHint.replace(/["\\$`]/g, '')}: course edits from the studio"`,
      ],
    };
  }
}

function gitStatusLabel(code: string): string {
  if (code.includes('?') || code.includes('A')) return 'added';
  if (code.includes('D')) return 'deleted';
  if (code.includes('R')) return 'renamed';
  return 'modified';
}

const pad = (n: number) => String(n).padStart(2, '0');

function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The order the authoring guide writes an item's fields in; anything else follows. */
const fieldOrder = [
  'type',
  'order',
  'title',
  'description',
  'video',
  'quiz',
  'url',
  'file',
  'points',
  'due',
  'submission',
  'passMark',
  'manualCompletion',
  'minutes',
  'rubric',
  'questions',
];

/** Fields in the guide's order, empty values left out. */
export function orderFields(fields: FieldEdits): Record<string, unknown> {
  const keys = Object.keys(fields).sort((a, b) => {
    const ia = fieldOrder.indexOf(a);
    const ib = fieldOrder.indexOf(b);
    return (ia === -1 ? fieldOrder.length : ia) - (ib === -1 ? fieldOrder.length : ib);
  });
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = fields[key];
    if (value === null || value === undefined || value === '') continue;
    out[key] = value;
  }
  return out;
}
