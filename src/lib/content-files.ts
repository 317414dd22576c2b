/**
 * Reads the authored content tree from disk into raw, unvalidated entries,
 * turning every unreadable file (bad bytes, bad YAML, broken frontmatter,
 * too large, oddly named) into a problem instead of an exception.
 * Used by `npm run check`, the prebuild and the video pipeline.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, extname, basename, dirname, isAbsolute } from 'node:path';
import { parseDocument, type YAMLError } from 'yaml';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import matter from 'gray-matter';
import type { ContentProblem } from './friendly-errors.ts';
import { siteConfig } from './site-config.ts';
import { contentMessages } from './content-messages.ts';

export const MAX_FILE_BYTES = 1024 * 1024;
export const CAPTION_EXTENSIONS = ['.vtt', '.srt', '.txt'] as const;
const IGNORED_ASSETS = /\.(png|jpe?g|gif|webp|avif|svg)$/i;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface RawFile {
  /** Path relative to the project root, e.g. `content/courses/ml/01-intro/02-reading.mdx`. */
  file: string;
  data: unknown;
  /** The MDX body, for .mdx files. */
  body?: string | undefined;
  /** 1-based line where the MDX body starts, to report body errors at the right line. */
  bodyLine?: number | undefined;
}

export interface RawChapter {
  slug: string;
  dir: string;
  chapter: RawFile | null;
  items: (RawFile & { slug: string; ext: '.yaml' | '.mdx' })[];
}

export interface RawCourse {
  slug: string;
  dir: string;
  course: RawFile | null;
  chapters: RawChapter[];
}

export interface RawVideo extends RawFile {
  id: string;
  /** Caption file committed beside the entry, relative to the root. */
  captionFile?: string | undefined;
}

export interface RawContent {
  root: string;
  courses: RawCourse[];
  videos: RawVideo[];
  problems: ContentProblem[];
}

/** Where the content tree lives; tests and benchmarks point it elsewhere (relative to the root, or absolute). */
export function contentDir(root = process.cwd()): string {
  return resolve(root, siteConfig().contentDir);
}

/**
 * A file's path for a message: relative to the project root, or, for a content folder outside
 * it, starting at that folder's name (`content/generated/…`, never `../../tmp/…`).
 */
export function contentPath(file: string, root = process.cwd()): string {
  const fromRoot = relative(root, file);
  const shown = fromRoot.startsWith('..') || isAbsolute(fromRoot) ? relative(dirname(contentDir(root)), file) : fromRoot;
  return shown.split('\\').join('/');
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Reads text strictly: UTF-8 only, BOM removed, size capped. */
export function readText(abs: string, rel: string, problems: ContentProblem[]): string | null {
  let bytes: Buffer;
  try {
    const size = statSync(abs).size;
    if (size > MAX_FILE_BYTES) {
      problems.push({
        file: rel,
        field: '',
        message: contentMessages.tooLarge((size / 1024 / 1024).toFixed(1)),
      });
      return null;
    }
    bytes = readFileSync(abs);
  } catch (error) {
    problems.push({ file: rel, field: '', message: contentMessages.unreadable((error as NodeJS.ErrnoException).code ?? 'error') });
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = findInvalidUtf8(bytes);
    problems.push({
      file: rel,
      field: '',
      message: contentMessages.notUtf8(bytes[bad]?.toString(16).padStart(2, '0') ?? '', lineAt(bytes, bad)),
    });
    return null;
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function findInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, i + 1));
    } catch {
      // A truncated multi-byte sequence also fails; only count it when the next byte cannot continue it.
      const next = bytes[i + 1];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
  }
  return 0;
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Anchors, aliases and tags: left to `yaml`, which caps how far aliases expand (js-yaml does not). */
const YAML_REFERENCES = /(^|[\s[{,:-])[&*!]/m;

/**
 * Parses YAML, reporting each syntax error at the line to fix, in plain words. A well-formed
 * mapping without anchors, aliases or tags is read by js-yaml (the same YAML 1.2 core schema,
 * duplicate keys refused, four times faster: every build reads every content file twice, in
 * the prebuild's check and in Astro's loader); anything else, mistakes included, by `yaml`,
 * whose positions the messages need.
 */
export function parseYaml(text: string, rel: string, problems: ContentProblem[]): unknown {
  if (!YAML_REFERENCES.test(text)) {
    try {
      const data = loadYaml(text, { schema: CORE_SCHEMA });
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data;
    } catch {
      // `yaml` below names the line to fix.
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // One mistake usually trips several parser errors after it; the first names the line to fix.
    problems.push({ file: rel, field: '', message: yamlSyntaxMessage(text, doc.errors[0]!) });
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problems.push({ file: rel, field: '', message: contentMessages.tooManyAliases((error as Error).message) });
    return undefined;
  }
  if (data === null || data === undefined) {
    problems.push({ file: rel, field: '', message: contentMessages.emptyYaml });
    return undefined;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file: rel, field: '', message: contentMessages.notAMapping });
    return undefined;
  }
  return data;
}

/** What the author wrote wrong on one line, found from the text rather than the parser's state. */
function lineMistake(line: string): string | undefined {
  if (/^ *\t/.test(line)) return 'this line is indented with a tab: YAML needs spaces (use 2 spaces per level)';
  const key = /^\s*(?:- )?([A-Za-z_][\w-]*):(\S.*)$/.exec(line);
  if (key && !key[2]!.startsWith('//') && !key[2]!.startsWith(':')) return `missing space after the colon: write "${key[1]}: ${key[2]}"`;
  const value = /^\s*(?:- )?([A-Za-z_][\w-]*): ([^"'\s[{|>][^#]*?: .*)$/.exec(line);
  if (value) return `the value of "${value[1]}" contains ": ": put it in quotes, like ${value[1]}: "${value[2]!.replace(/"/g, '\\"')}"`;
  return undefined;
}

const indentOf = (line: string) => /^ */.exec(line)![0].length;

/** A field indented deeper than the field before it, which already has a value (so it cannot hold nested fields). */
function overIndented(lines: string[], from: number, to: number): { line: number; key: string; parent: string } | undefined {
  for (let n = Math.max(2, from); n <= Math.min(to, lines.length); n++) {
    const line = lines[n - 1]!;
    const key = /^\s*(?:- )?([^\s:#][^:#]*):/.exec(line)?.[1];
    const before = lines.slice(0, n - 1).findLast((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const parent = before && /^(\s*(?:- )?)([^\s:#][^:#]*):\s+\S/.exec(before);
    if (key && parent && indentOf(line) > parent[1]!.length) return { line: n, key: key.trim(), parent: parent[2]!.trim() };
  }
  return undefined;
}

/** Turns one YAML parser error into `line N, column C: invalid YAML: <plain words>`, at the line to fix. */
export function yamlSyntaxMessage(text: string, err: YAMLError): string {
  const lines = text.split('\n');
  const [start, end] = err.linePos ?? [];
  const at = (line: number, col = 1, reason: string) => `line ${line}, column ${col}: invalid YAML: ${reason}`;
  // The parser often notices a mistake a line or two later; look from its start to its end for the cause.
  const first = start?.line ?? 1;
  const last = Math.min(end?.line ?? first, lines.length);
  for (let n = first; n <= last; n++) {
    const mistake = lineMistake(lines[n - 1] ?? '');
    if (mistake) return at(n, 1, mistake);
  }
  switch (err.code) {
    case 'DUPLICATE_KEY': {
      const key = /^\s*(?:- )?([^:#]+):/.exec(lines[first - 1] ?? '')?.[1]?.trim();
      return at(first, start?.col, `${key ? `"${key}"` : 'a field'} is written twice in the same place: keep one`);
    }
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN': {
      if (/closing "?quote|Missing closing/i.test(err.message)) {
        for (let n = first; n >= 1; n--) {
          if (((lines[n - 1] ?? '').match(/"/g) ?? []).length % 2 === 1) return at(n, 1, 'a quote opened on this line is never closed: add the closing "');
        }
      }
      const under = overIndented(lines, first, last + 1);
      if (under) return at(under.line, 1, `"${under.key}" is indented under "${under.parent}", which already has a value: align it with the fields around it`);
      return at(
        first,
        1,
        'this line is indented differently from the lines around it: fields of the same mapping, and items of the same list, start at the same column (use spaces)',
      );
    }
    default:
      return at(first, start?.col, err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, ''));
  }
}

/** Splits MDX into frontmatter data and body (gray-matter, with our YAML parser so errors carry positions). */
export function parseMdx(text: string, rel: string, problems: ContentProblem[]): { data: unknown; body: string; bodyLine: number } | null {
  if (!text.startsWith('---\n')) {
    problems.push({ file: rel, field: '', message: contentMessages.noFrontmatter });
    return null;
  }
  if (text.indexOf('\n---', 3) === -1) {
    problems.push({ file: rel, field: '', message: contentMessages.frontmatterNotClosed });
    return null;
  }
  let data: unknown;
  const parsed = matter(text, {
    engines: {
      yaml: (fm: string) => {
        const fmProblems: ContentProblem[] = [];
        data = parseYaml(fm, rel, fmProblems);
        // Frontmatter starts on line 2 of the file.
        for (const p of fmProblems) problems.push({ ...p, message: p.message.replace(/^line (\d+)/, (_, l) => `line ${Number(l) + 1}`) });
        return {};
      },
    },
  });
  if (data === undefined) return null;
  const bodyLine = text.length - parsed.content.length > 0 ? text.slice(0, text.length - parsed.content.length).split('\n').length : 1;
  return { data, body: parsed.content, bodyLine };
}

function readYamlFile(abs: string, rel: string, problems: ContentProblem[]): RawFile | null {
  const text = readText(abs, rel, problems);
  if (text === null) return null;
  const data = parseYaml(text, rel, problems);
  return data === undefined ? null : { file: rel, data };
}

/** Reads the whole content tree. Never throws for bad content. */
export function readContent(root = process.cwd()): RawContent {
  const base = contentDir(root);
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const problems: ContentProblem[] = [];
  const courses: RawCourse[] = [];

  const coursesDir = join(base, 'courses');
  for (const courseSlug of listDir(coursesDir)) {
    const dir = join(coursesDir, courseSlug);
    if (!statSync(dir).isDirectory()) {
      problems.push({ file: rel(dir), field: '', message: contentMessages.courseNotAFolder });
      continue;
    }
    if (!SLUG.test(courseSlug)) {
      problems.push({ file: rel(dir), field: '', message: contentMessages.folderNotASlug(courseSlug, suggestSlug(courseSlug)) });
      continue;
    }
    const courseFile = join(dir, 'course.yaml');
    const course: RawCourse = { slug: courseSlug, dir: rel(dir), course: null, chapters: [] };
    if (existsSync(courseFile)) course.course = readYamlFile(courseFile, rel(courseFile), problems);
    else problems.push({ file: rel(courseFile), field: '', message: contentMessages.courseYamlMissing });

    for (const name of listDir(dir)) {
      const abs = join(dir, name);
      if (name === 'course.yaml') continue;
      if (!statSync(abs).isDirectory()) {
        if (!IGNORED_ASSETS.test(name)) {
          problems.push({ file: rel(abs), field: '', message: contentMessages.fileOutsideChapter });
        }
        continue;
      }
      if (!SLUG.test(name)) {
        problems.push({ file: rel(abs), field: '', message: contentMessages.folderNotASlug(name, suggestSlug(name)) });
        continue;
      }
      course.chapters.push(readChapter(abs, name, rel, problems));
    }
    courses.push(course);
  }

  return { root, courses, videos: readVideoEntries(base, rel, problems), problems };
}

/**
 * Reads only the video library (content/videos): what the video pipeline
 * needs, without parsing every course, chapter and item.
 */
export function readVideoLibrary(root = process.cwd()): RawContent {
  const problems: ContentProblem[] = [];
  const videos = readVideoEntries(contentDir(root), (p) => relative(root, p).split('\\').join('/'), problems);
  return { root, courses: [], videos, problems };
}

function readVideoEntries(base: string, rel: (p: string) => string, problems: ContentProblem[]): RawVideo[] {
  const videosDir = join(base, 'videos');
  const videos: RawVideo[] = [];
  const files = listDir(videosDir);
  const names = new Set(files);
  for (const name of files) {
    const abs = join(videosDir, name);
    const ext = extname(name);
    if ((CAPTION_EXTENSIONS as readonly string[]).includes(ext)) {
      if (!names.has(`${basename(name, ext)}.yaml`)) {
        problems.push({ file: rel(abs), field: '', message: contentMessages.captionWithoutEntry(rel(join(videosDir, basename(name, ext) + '.yaml'))) });
      }
      continue;
    }
    if (ext !== '.yaml') {
      problems.push({ file: rel(abs), field: '', message: contentMessages.unexpectedLibraryFile });
      continue;
    }
    const entry = readYamlFile(abs, rel(abs), problems);
    if (!entry) continue;
    const id = basename(name, ext);
    const captionExt = CAPTION_EXTENSIONS.find((e) => names.has(id + e));
    videos.push({ ...entry, id, captionFile: captionExt ? rel(join(videosDir, id + captionExt)) : undefined });
  }

  return videos;
}

function readChapter(dir: string, slug: string, rel: (p: string) => string, problems: ContentProblem[]): RawChapter {
  const chapter: RawChapter = { slug, dir: rel(dir), chapter: null, items: [] };
  const chapterFile = join(dir, 'chapter.yaml');
  if (existsSync(chapterFile)) chapter.chapter = readYamlFile(chapterFile, rel(chapterFile), problems);
  else problems.push({ file: rel(chapterFile), field: '', message: contentMessages.chapterYamlMissing });

  for (const name of listDir(dir)) {
    if (name === 'chapter.yaml') continue;
    const abs = join(dir, name);
    const ext = extname(name);
    if (statSync(abs).isDirectory()) {
      problems.push({ file: rel(abs), field: '', message: contentMessages.folderInChapter });
      continue;
    }
    if (IGNORED_ASSETS.test(name)) continue;
    if (ext !== '.yaml' && ext !== '.mdx') {
      problems.push({ file: rel(abs), field: '', message: contentMessages.unsupportedItemFile(ext || name, ext) });
      continue;
    }
    const itemSlug = basename(name, ext);
    if (!SLUG.test(itemSlug)) {
      problems.push({ file: rel(abs), field: '', message: contentMessages.fileNotASlug(itemSlug, `${suggestSlug(itemSlug)}${ext}`) });
      continue;
    }
    const text = readText(abs, rel(abs), problems);
    if (text === null) continue;
    if (ext === '.yaml') {
      const data = parseYaml(text, rel(abs), problems);
      if (data !== undefined) chapter.items.push({ file: rel(abs), data, slug: itemSlug, ext });
    } else {
      const parsed = parseMdx(text, rel(abs), problems);
      if (parsed) chapter.items.push({ file: rel(abs), data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine, slug: itemSlug, ext });
    }
  }
  return chapter;
}

/** A slug an author could rename a badly named folder or file to. */
export function suggestSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'my-item'
  );
}
