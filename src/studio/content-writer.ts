/**
 * The studio's only way to change course files. Every change is validated
 * first by the same rules as `npm run check` (the schemas and the cross-file
 * rules, run on the tree as it would be after the write), refused when a file
 * changed on disk since the studio read it, and written atomically, keeping the
 * comments and formatting of the fields it does not touch.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import { readContent, contentDir, parseMdx, parseYaml, type RawContent } from '../lib/content-files.ts';
import { validateContent } from '../lib/validate-content.ts';
import { mdxBodyProblems } from '../lib/content-tree.ts';
import { formatProblem, isContentError, type ContentProblem } from '../lib/friendly-errors.ts';
import { contentMessages } from '../lib/content-messages.ts';
import { writeFileAtomically } from '../../scripts/pipeline/atomic-write.ts';
import { resolveContentPath, StudioRefusal } from './guard.ts';

/** A file's content hash: what a write must be based on. `null` stands for "does not exist". */
export type FileVersion = string | null;

/** One change in a write: a whole new text for a file, or its removal. */
export type FileChange =
  | { kind: 'write'; file: string; text: string; baseVersion: FileVersion }
  | { kind: 'delete'; file: string; baseVersion: FileVersion }
  /** Removes a chapter folder with every file in it (each file's version must match). */
  | { kind: 'delete-folder'; folder: string; baseVersions: Record<string, string> };

/** Why a write was refused: the problems it would cause, a file changed underneath, or a path outside content/. */
export class ContentWriteError extends Error {
  readonly reason: 'invalid' | 'conflict' | 'path';
  readonly problems: ContentProblem[];
  constructor(reason: 'invalid' | 'conflict' | 'path', problems: ContentProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ContentWriteError';
    this.reason = reason;
    this.problems = problems;
  }
}

/** The steps the builder necessarily passes through: a course before its first chapter, a chapter before its first item. */
const stepByStep: readonly string[] = [contentMessages.courseWithoutChapters, contentMessages.chapterWithoutItems];

/**
 * Problems a write may leave, because they mean "not finished yet" rather than "wrong": every
 * warning (a draft's unfinished parts), and, in a published course too, a chapter or course just
 * added and still empty. The builder shows them; publishing is refused while they last.
 */
export function isUnfinishedProblem(p: ContentProblem): boolean {
  return !isContentError(p) || stepByStep.includes(p.message);
}

/** The content hash the studio hands out with every read. */
export function versionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Turns a path relative to the project root into an absolute one inside the content folder, or refuses it. */
export type ContentPathResolver = (root: string, file: string) => Promise<string>;

/**
 * The studio's guard (src/studio/guard.ts) on a project-relative path: `../`, absolute
 * paths, NUL bytes and symlinks leading out of content/ are refused with its message.
 */
export const resolveInsideContent: ContentPathResolver = async (root, file) => {
  const base = contentDir(root);
  const prefix = `${relative(root, base).split(sep).join('/')}/`;
  try {
    if (!file.startsWith(prefix) || isAbsolute(file)) throw new StudioRefusal(400, `"${file}" is outside ${prefix}; the studio writes only to files inside it`);
    return resolveContentPath(base, file.slice(prefix.length), 'file');
  } catch (error) {
    if (error instanceof StudioRefusal) throw new ContentWriteError('path', [{ file, field: '', message: error.message.replace(/^file: /, '') }]);
    throw error;
  }
};

export interface ContentWriterOptions {
  /** The project root (holding content/ and public/). */
  root: string;
  /** How paths are checked; the studio's guard by default. */
  resolvePath?: ContentPathResolver;
}

/** Reads and writes course files under one root; writes are serialised so a version check and its write cannot interleave. */
export class ContentWriter {
  readonly root: string;
  private readonly resolvePath: ContentPathResolver;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: ContentWriterOptions) {
    this.root = options.root;
    this.resolvePath = options.resolvePath ?? resolveInsideContent;
  }

  /** A file's text and version, or null text and version when it does not exist. */
  async read(file: string): Promise<{ file: string; text: string | null; version: FileVersion }> {
    const abs = await this.resolvePath(this.root, file);
    const text = await readFile(abs, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return { file, text, version: text === null ? null : versionOf(text) };
  }

  /**
   * Applies the changes together: refused as a whole when a path is outside content/, a file
   * changed since its version was read, or the tree afterwards has a problem it did not have
   * before (warnings and just-added empty courses and chapters excepted). Returns the new versions.
   */
  apply(changes: readonly FileChange[]): Promise<Record<string, FileVersion>> {
    const run = this.queue.then(() => this.applyNow(changes));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyNow(changes: readonly FileChange[]): Promise<Record<string, FileVersion>> {
    const resolved = new Map<string, string>();
    const conflicts: ContentProblem[] = [];
    const expect = async (file: string, baseVersion: FileVersion) => {
      const current = await this.read(file);
      resolved.set(file, await this.resolvePath(this.root, file));
      if (current.version !== baseVersion) {
        const message =
          baseVersion === null
            ? 'already exists: choose another name'
            : current.version === null
              ? 'was deleted on disk since you opened it; reload to see the change'
              : 'changed on disk since you opened it; reload to see the change';
        conflicts.push({ file, field: '', message });
      }
    };
    for (const change of changes) {
      if (change.kind === 'delete-folder') {
        await this.resolvePath(this.root, change.folder);
        for (const [file, version] of Object.entries(change.baseVersions)) await expect(file, version);
      } else {
        await expect(change.file, change.baseVersion);
      }
    }
    if (conflicts.length > 0) throw new ContentWriteError('conflict', conflicts);
    const pathOf = (file: string) => resolved.get(file) ?? join(this.root, file);

    const introduced = this.problemsIntroducedBy(changes).filter((p) => !isUnfinishedProblem(p));
    if (introduced.length > 0) throw new ContentWriteError('invalid', introduced);

    const versions: Record<string, FileVersion> = {};
    for (const change of changes) {
      if (change.kind === 'write') {
        const abs = pathOf(change.file);
        await mkdir(dirname(abs), { recursive: true });
        await writeFileAtomically(abs, change.text);
        versions[change.file] = versionOf(change.text);
      } else if (change.kind === 'delete') {
        await rm(pathOf(change.file), { force: true });
        versions[change.file] = null;
      } else {
        const abs = await this.resolvePath(this.root, change.folder);
        // Moved aside first, so the dev server never sees a half-deleted chapter.
        const aside = join(dirname(abs), `.${randomBytes(4).toString('hex')}.studio-deleted`);
        await rename(abs, aside);
        await rm(aside, { recursive: true, force: true });
        for (const file of Object.keys(change.baseVersions)) versions[file] = null;
      }
    }
    return versions;
  }

  /** The check's problems on the tree as it would be after the changes, minus those it has now. */
  private problemsIntroducedBy(changes: readonly FileChange[]): ContentProblem[] {
    const before = readContent(this.root);
    const beforeProblems = new Set([...validateContent(before).problems, ...mdxProblemsOf(before, changes)].map(formatProblem));
    const after = overlay(readContent(this.root), changes);
    const afterProblems = [...validateContent(after).problems, ...mdxProblemsOf(after, changes)];
    return afterProblems.filter((p) => !beforeProblems.has(formatProblem(p)));
  }
}

/** MDX body problems (syntax, unknown components) of the changed items only: the rest of the tree did not change. */
function mdxProblemsOf(raw: RawContent, changes: readonly FileChange[]): ContentProblem[] {
  const files = new Set(changes.flatMap((c) => (c.kind === 'write' ? [c.file] : [])));
  return raw.courses.flatMap((c) => c.chapters.flatMap((ch) => ch.items.filter((i) => files.has(i.file)).flatMap((i) => mdxBodyProblems(i))));
}

/** The raw tree as it would be read from disk after the changes. */
function overlay(raw: RawContent, changes: readonly FileChange[]): RawContent {
  const coursesRel = relative(raw.root, join(contentDir(raw.root), 'courses'))
    .split(sep)
    .join('/');
  for (const change of changes) {
    const path = change.kind === 'delete-folder' ? change.folder : change.file;
    if (!path.startsWith(`${coursesRel}/`)) continue;
    const [courseSlug, second, third] = path.slice(coursesRel.length + 1).split('/');
    if (!courseSlug || !second) continue;
    let course = raw.courses.find((c) => c.slug === courseSlug);
    if (!course) {
      course = { slug: courseSlug, dir: `${coursesRel}/${courseSlug}`, course: null, chapters: [] };
      raw.courses.push(course);
    }
    if (change.kind === 'delete-folder') {
      course.chapters = course.chapters.filter((ch) => ch.slug !== second);
      continue;
    }
    const parse = (file: string, text: string) => {
      const data = parseYaml(text, file, raw.problems);
      return data === undefined ? null : { file, data };
    };
    if (second === 'course.yaml') {
      course.course = change.kind === 'write' ? parse(change.file, change.text) : null;
      continue;
    }
    let chapter = course.chapters.find((ch) => ch.slug === second);
    if (!chapter) {
      chapter = { slug: second, dir: `${course.dir}/${second}`, chapter: null, items: [] };
      course.chapters.push(chapter);
    }
    if (!third) continue;
    if (third === 'chapter.yaml') {
      chapter.chapter = change.kind === 'write' ? parse(change.file, change.text) : null;
      continue;
    }
    const ext = third.endsWith('.mdx') ? '.mdx' : '.yaml';
    const slug = third.slice(0, -ext.length);
    chapter.items = chapter.items.filter((i) => i.file !== change.file);
    if (change.kind !== 'write') continue;
    if (ext === '.yaml') {
      const data = parseYaml(change.text, change.file, raw.problems);
      if (data !== undefined) chapter.items.push({ file: change.file, data, slug, ext });
    } else {
      const parsed = parseMdx(change.text, change.file, raw.problems);
      if (parsed) chapter.items.push({ file: change.file, data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine, slug, ext });
    }
  }
  return raw;
}

/* ---------- editing text while keeping what the author wrote ---------- */

/** Fields to set (a value) or remove (`null`); fields not named are left exactly as written. */
export type FieldEdits = Record<string, unknown>;

/** Prose fields written as a folded block (`>-`) when long, the way the sample courses write descriptions. */
const proseFields = new Set(['description']);
/** Lists of words written inline, like `tags: [machine learning, calculus]`. */
const inlineListFields = new Set(['tags', 'authors', 'languages']);

/** One top-level field as a careful author writes it: `key: value` lines, ending in a newline. */
export function fieldText(key: string, value: unknown): string {
  const doc = new Document({});
  const node = doc.createNode(value);
  const long = typeof value === 'string' && value.length > 72 && !value.includes('\n');
  if (isScalar(node) && long && proseFields.has(key)) node.type = Scalar.BLOCK_FOLDED;
  if (isSeq(node) && inlineListFields.has(key)) node.flow = true;
  doc.set(key, node);
  // Folding only for prose; code, URLs and quiz text stay on one line each, as the samples write them.
  return doc.toString({ lineWidth: long && proseFields.has(key) ? 80 : 0, flowCollectionPadding: false });
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Where each top-level field of a YAML mapping sits, as line indexes (comment lines above a field belong to it). */
function fieldSpans(text: string): { key: string; first: number; last: number; value: { start: number; end: number; scalar: boolean } }[] {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (!isMap(doc.contents)) throw new Error('expected a mapping of fields');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const lines = text.split('\n');
  const pairs = doc.contents.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (key === null || keyStart === undefined) return [];
    const value = pair.value;
    const range = value && typeof value === 'object' && 'range' in value ? (value as { range?: [number, number, number] }).range : undefined;
    return [{ key, first: lineOf(keyStart), value: { start: range?.[0] ?? -1, end: range?.[1] ?? -1, scalar: isScalar(value) } }];
  });
  return pairs.map((pair, i) => {
    const next = pairs[i + 1];
    let last = next ? next.first - 1 : lines.length - 1;
    // Blank and comment lines right above the next field are its own.
    while (last > pair.first && /^\s*(#.*)?$/.test(lines[last] ?? '')) last--;
    return { ...pair, last };
  });
}

/**
 * Applies field edits to a YAML mapping's text, touching only the fields whose value changes:
 * a one-line value is replaced in place (its comment and alignment stay), anything else is
 * rewritten as a whole field; new fields are added at the end; other lines stay byte for byte.
 */
export function editYaml(text: string, edits: FieldEdits): string {
  let out = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  const current = (parseDocument(out).toJS() ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(edits)) {
    const remove = value === null || value === undefined;
    if (remove ? !(key in current) : sameValue(current[key], value)) continue;
    const span = fieldSpans(out).find((f) => f.key === key);
    const lines = out.split('\n');
    if (!span) {
      if (!remove) out = `${out}${fieldText(key, value)}`;
      continue;
    }
    if (remove) {
      lines.splice(span.first, span.last - span.first + 1);
      out = lines.join('\n');
      continue;
    }
    const rendered = fieldText(key, value);
    const inline = rendered.startsWith(`${key}: `) && rendered.indexOf('\n') === rendered.length - 1 ? rendered.slice(key.length + 2, -1) : null;
    if (inline !== null && span.value.scalar && span.first === span.last && span.value.start >= 0) {
      out = out.slice(0, span.value.start) + inline + out.slice(span.value.end);
    } else {
      lines.splice(span.first, span.last - span.first + 1, ...rendered.slice(0, -1).split('\n'));
      out = lines.join('\n');
    }
  }
  return out;
}

/** A new YAML file with the fields in the order given, written the way a careful author would. */
export function newYaml(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => fieldText(key, value))
    .join('');
}

/** Splits an MDX file into its frontmatter text and body. */
export function splitMdx(text: string): { frontmatter: string; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!m) return { frontmatter: '', body: text };
  return { frontmatter: `${m[1]}\n`, body: text.slice(m[0].length).replace(/^\n/, '') };
}

/** Joins frontmatter and body the way the sample courses do: a blank line after the closing `---`. */
export function joinMdx(frontmatter: string, body: string): string {
  const trimmed = body.replace(/^\n+/, '').replace(/\s*$/, '\n');
  return `---\n${frontmatter.replace(/\n*$/, '\n')}---\n\n${trimmed}`;
}
