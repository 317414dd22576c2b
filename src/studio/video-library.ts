/**
 * The video library as the studio reads and edits it: each entry with its status, title,
 * duration and (redacted) error; title and chapters edited in the entry file with the yaml
 * Document API (comments and layout kept), validated by the schema every file passes; caption
 * files checked by the pipeline's own parser and stored where the pipeline reads them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isMap, parseDocument, YAMLSeq } from 'yaml';
import { readVideoLibrary, CAPTION_EXTENSIONS, MAX_FILE_BYTES } from '../lib/content-files.ts';
import { validateContent } from '../lib/validate-content.ts';
import { readVideoResult, readVideoStatus } from '../lib/generated-files.ts';
import { videoEntrySchema, type VideoChapter, type VideoStatus } from '../lib/schema.ts';
import { formatProblem, zodProblems } from '../lib/friendly-errors.ts';
import { formatTimestamp } from '../browser/timestamp.ts';
import { CaptionParseError, parseCaptions } from '../../scripts/pipeline/captions.ts';
import { writeFileAtomically } from '../../scripts/pipeline/atomic-write.ts';
import { displayPath, resolveContentPath, StudioRefusal } from './guard.ts';
import type { StudioContext } from './http.ts';

export interface LibraryVideo {
  id: string;
  /** The entry file, relative to the project root. */
  file: string;
  /** The entry's title, else YouTube's, else undefined (the site shows "YouTube video <id>"). */
  title?: string;
  /** The title written in the entry, for the edit form. */
  entryTitle?: string;
  durationSeconds?: number;
  status: VideoStatus;
  attempts: number;
  updatedAt?: string;
  /** The last run's error, redacted. */
  error?: string;
  servingPrevious?: boolean;
  /** The entry's chapters as `m:ss Title` lines, for the edit form. */
  chapters: string;
  captionFile?: string;
  /** Digest of the entry file as read: an edit based on an older read is refused. */
  version: string;
}

export interface LibraryListing {
  videos: LibraryVideo[];
  /** Entries the studio cannot show (bad YAML, bad fields), as `npm run check` words them. */
  problems: string[];
}

const ID = /^[A-Za-z0-9_-]{11}$/;
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export const chaptersToText = (chapters: readonly VideoChapter[] | undefined) =>
  (chapters ?? []).map((c) => `${formatTimestamp(c.startMs)} ${c.title}`).join('\n');

/** Every library entry with where it stands, newest changes first in the order of the files. */
export function listLibrary(context: StudioContext, redact: (text: string) => string): LibraryListing {
  const { projectRoot } = context;
  const library = validateContent(readVideoLibrary(projectRoot));
  const videos = library.videos.map((video): LibraryVideo => {
    const status = readVideoStatus(video.id, projectRoot);
    const result = readVideoResult(video.id, projectRoot);
    const s = status.ok ? status.value : undefined;
    const meta = result.ok ? result.value.meta : undefined;
    const file = resolveContentPath(context.contentRoot, `videos/${video.id}.yaml`);
    const title = video.data.title ?? (meta?.title || s?.title);
    const durationSeconds = meta?.durationSeconds || s?.durationSeconds;
    const error = s?.error ?? (!status.ok && !status.missing ? status.error : undefined);
    return {
      id: video.id,
      file: displayPath(projectRoot, file),
      ...(title ? { title } : {}),
      ...(video.data.title ? { entryTitle: video.data.title } : {}),
      ...(durationSeconds ? { durationSeconds } : {}),
      status: s?.status ?? 'pending',
      attempts: s?.attempts ?? 0,
      ...(s?.updatedAt ? { updatedAt: s.updatedAt } : {}),
      ...(error ? { error: redact(error) } : {}),
      ...(s?.servingPrevious ? { servingPrevious: true } : {}),
      chapters: chaptersToText(video.data.chapters),
      ...(video.captionFile ? { captionFile: video.captionFile } : {}),
      version: digest(readFileSync(file, 'utf8')),
    };
  });
  return { videos, problems: library.problems.map((p) => redact(formatProblem(p))) };
}

/** The checked path of a video's entry file; a malformed id or a video not in the library is refused. */
function entryFile(context: StudioContext, id: string): string {
  if (!ID.test(id)) throw new StudioRefusal(400, `"${id}" is not a YouTube video id (11 letters, digits, - or _)`);
  const file = resolveContentPath(context.contentRoot, `videos/${id}.yaml`);
  if (!existsSync(file)) throw new StudioRefusal(404, `${id} is not in the library (no ${displayPath(context.projectRoot, file)}); add it first`);
  return file;
}

const CHAPTER_LINE = /^\s*(?:(\d+):)?(\d{1,2}):(\d{2})\s+(.+?)\s*$/;

/** `m:ss Title` lines (or `h:mm:ss`) into chapters; a line that is not one is refused naming its number. */
export function parseChapterLines(text: string): VideoChapter[] {
  const chapters: VideoChapter[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const match = CHAPTER_LINE.exec(line);
    if (!match)
      throw new StudioRefusal(
        400,
        `chapters: line ${index + 1}: expected a start time and a title like "1:23 Backpropagation", got "${line.trim()}"`,
        'chapters',
      );
    const [, hours, minutes, seconds, title] = match;
    if (Number(seconds) > 59 || (hours !== undefined && Number(minutes) > 59))
      throw new StudioRefusal(400, `chapters: line ${index + 1}: "${line.trim()}" is not a time (minutes and seconds go up to 59)`, 'chapters');
    chapters.push({ title: title ?? '', startMs: ((Number(hours ?? 0) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 });
  }
  chapters.forEach((current, i) => {
    const previous = chapters[i - 1];
    if (previous && current.startMs <= previous.startMs)
      throw new StudioRefusal(
        400,
        `chapters: "${current.title}" starts at ${formatTimestamp(current.startMs)}, not after "${previous.title}"; list chapters in time order`,
        'chapters',
      );
  });
  return chapters;
}

/**
 * Writes a video's title and chapters into its entry, keeping the file's comments and other fields;
 * validated with the library schema first, written atomically; refused when the file changed since `version`.
 */
export async function updateVideoEntry(context: StudioContext, id: string, body: unknown): Promise<{ file: string; version: string }> {
  const file = entryFile(context, id);
  const rel = displayPath(context.projectRoot, file);
  const input = (typeof body === 'object' && body !== null ? body : {}) as { title?: unknown; chapters?: unknown; version?: unknown };
  if (input.title !== undefined && typeof input.title !== 'string') throw new StudioRefusal(400, 'title: expected text', 'title');
  if (input.chapters !== undefined && typeof input.chapters !== 'string')
    throw new StudioRefusal(400, 'chapters: expected lines like "1:23 Backpropagation"', 'chapters');
  const text = readFileSync(file, 'utf8');
  if (typeof input.version === 'string' && input.version !== digest(text))
    throw new StudioRefusal(
      409,
      `${rel} changed since this page read it (edited in another tab or an editor); reload to see the current file, then make your change again`,
    );
  const document = parseDocument(text);
  if (document.errors.length > 0 || !isMap(document.contents))
    throw new StudioRefusal(400, `${rel} is not valid YAML; fix it in your editor first (\`npm run check\` says where)`);
  if (input.title !== undefined) {
    const title = input.title.trim();
    if (title) document.set('title', title);
    else document.delete('title');
  }
  if (input.chapters !== undefined) {
    const chapters = parseChapterLines(input.chapters);
    if (chapters.length === 0) document.delete('chapters');
    else {
      const node = document.createNode(chapters) as YAMLSeq;
      // One `{ title, startMs }` per line, as the README's example writes them.
      for (const item of node.items) if (isMap(item)) item.flow = true;
      document.set('chapters', node);
    }
  }
  const parsed = videoEntrySchema.safeParse(document.toJS());
  if (!parsed.success) {
    const problem = zodProblems(rel, parsed.error)[0];
    throw new StudioRefusal(400, problem ? formatProblem(problem) : `${rel}: invalid entry`, problem?.field.split(/[.[]/)[0]);
  }
  const next = document.toString();
  await writeFileAtomically(file, next);
  return { file: rel, version: digest(next) };
}

const EXTENSION = { vtt: '.vtt', srt: '.srt', text: '.txt' } as const;

/**
 * Stores a caption file for a video where the pipeline reads it (content/videos/<id>.vtt, .srt or .txt),
 * after the pipeline's parser read at least one cue from it; another format's file for the video is replaced.
 */
export async function attachCaptions(
  context: StudioContext,
  id: string,
  body: unknown,
): Promise<{ file: string; cues: number; warnings: string[]; replaced: string[] }> {
  entryFile(context, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as { text?: unknown; fileName?: unknown };
  if (typeof input.text !== 'string' || input.text.trim() === '')
    throw new StudioRefusal(400, 'captions: expected the caption file\'s text (WebVTT, SRT, or lines like "0:00 Welcome"), got nothing', 'captions');
  if (Buffer.byteLength(input.text) > MAX_FILE_BYTES)
    throw new StudioRefusal(400, `captions: the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, 'captions');
  const shownName = typeof input.fileName === 'string' && input.fileName.trim() ? input.fileName.trim().replace(/[^\w.\- ]/g, '') : 'the pasted captions';
  let parsed;
  try {
    parsed = parseCaptions(input.text, shownName);
  } catch (error) {
    if (error instanceof CaptionParseError) throw new StudioRefusal(400, `captions: ${error.message}`, 'captions');
    throw error;
  }
  const file = resolveContentPath(context.contentRoot, `videos/${id}${EXTENSION[parsed.format]}`);
  await writeFileAtomically(file, input.text.endsWith('\n') ? input.text : `${input.text}\n`);
  const replaced: string[] = [];
  for (const ext of CAPTION_EXTENSIONS) {
    const other = resolveContentPath(context.contentRoot, `videos/${id}${ext}`);
    if (other === file || !existsSync(other)) continue;
    rmSync(other);
    replaced.push(displayPath(context.projectRoot, other));
  }
  return { file: displayPath(context.projectRoot, file), cues: parsed.segments.length, warnings: parsed.warnings, replaced };
}
