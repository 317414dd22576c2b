/**
 * Where the pipeline's generated material lives and how it is read. Each video
 * has a folder content/generated/videos/<id>/ of reviewable files (notes.md,
 * quiz.yaml, transcript.vtt, meta.yaml) and status.json; single-file results
 * (<id>.json + <id>.status.json) are read too, until a run moves them into a folder. The
 * pipeline writes (atomically); the site, the check and the CLI read. A video
 * with no status file is pending.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { contentDir, contentPath } from './content-files.ts';
import { sha256 } from './hash.ts';
import { videoResultSchema, videoStatusFileSchema, type VideoResult, type VideoStatusFile } from './schema.ts';
import { formatPath, formatProblem, type ContentProblem } from './friendly-errors.ts';
import { parseMeta, parseNotes, parseQuiz, parseTranscript, type Parsed } from './video-material.ts';

export function generatedDir(root = process.cwd()): string {
  return join(contentDir(root), 'generated', 'videos');
}

/** The files of one video's folder; `material` are the ones the status digest covers. */
export const materialFiles = {
  meta: 'meta.yaml',
  transcript: 'transcript.vtt',
  notes: 'notes.md',
  quiz: 'quiz.yaml',
  status: 'status.json',
  notesProposal: 'notes.proposed.md',
  quizProposal: 'quiz.proposed.yaml',
} as const;
const digestedFiles = [materialFiles.meta, materialFiles.transcript, materialFiles.notes, materialFiles.quiz] as const;

export const videoMaterialDir = (id: string, root?: string) => join(generatedDir(root), id);
export const videoMaterialFile = (id: string, name: (typeof materialFiles)[keyof typeof materialFiles], root?: string) =>
  join(videoMaterialDir(id, root), name);
export const videoStatusFile = (id: string, root?: string) => videoMaterialFile(id, materialFiles.status, root);
/**
 * Names a version of a video's result files (their names, sizes and modification times), without
 * reading them: it changes whenever one is written, added or removed.
 */
export function resultRevision(id: string, root?: string): string {
  const parts: string[] = [];
  for (const file of [legacyResultFile(id, root), ...Object.values(materialFiles).map((name) => videoMaterialFile(id, name, root))]) {
    try {
      const stat = statSync(file);
      parts.push(`${file}:${stat.size}:${stat.mtimeMs}`);
    } catch {
      // absent
    }
  }
  return sha256(parts.join('\n')).slice(0, 16);
}

/** Single-file results (<id>.json, <id>.status.json): read, and moved into a folder by the next run. */
export const legacyResultFile = (id: string, root?: string) => join(generatedDir(root), `${id}.json`);
export const legacyStatusFile = (id: string, root?: string) => join(generatedDir(root), `${id}.status.json`);

/** The exact text a JSON cache file (status.json) is written as. */
export const serializeCacheFile = (data: unknown): string => JSON.stringify(data, null, 2) + '\n';

/** Digest of a file's bytes. */
export const cacheFileDigest = (text: string | Buffer): string => sha256(text).slice(0, 32);

/**
 * Digest of a video's material as it is on disk, recorded in its status file as `resultDigest`
 * so a warm run trusts unchanged files without parsing them; undefined when a file is missing.
 */
export function materialDigest(id: string, root?: string): string | undefined {
  if (existsSync(legacyResultFile(id, root))) {
    try {
      return cacheFileDigest(readFileSync(legacyResultFile(id, root)));
    } catch {
      return undefined;
    }
  }
  try {
    return materialTextsDigest((name) => readFileSync(videoMaterialFile(id, name, root)));
  } catch {
    return undefined;
  }
}

/** The digest materialDigest computes, over texts given by file name (throws when one is missing). */
export function materialTextsDigest(text: (name: (typeof digestedFiles)[number]) => string | Buffer): string {
  const parts = digestedFiles.flatMap((name) => [Buffer.from(`${name}\0`), Buffer.from(text(name)), Buffer.from('\0')]);
  return sha256(Buffer.concat(parts)).slice(0, 32);
}

/** The status of a video the pipeline has not written one for (yet): pending, never tried. */
export const pendingStatus = (updatedAt = new Date(0)): VideoStatusFile => ({ status: 'pending', attempts: 0, updatedAt: updatedAt.toISOString() });

export type CacheRead<T> = { ok: true; value: T } | { ok: false; missing: boolean; error: string };

function readText(file: string, root?: string): CacheRead<string> {
  try {
    return { ok: true, value: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', error: `cannot read ${contentPath(file, root)} (${code})` };
  }
}

function readJson<T>(
  file: string,
  schema: { safeParse: (d: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  root?: string,
): CacheRead<T> {
  const text = readText(file, root);
  if (!text.ok) return text;
  let data: unknown;
  try {
    data = JSON.parse(text.value);
  } catch (error) {
    return {
      ok: false,
      missing: false,
      error: `${contentPath(file, root)} is not valid JSON (${(error as Error).message}); delete it and run \`npm run videos -- process\` to regenerate`,
    };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return {
      ok: false,
      missing: false,
      error: `${contentPath(file, root)}: ${formatPath(first.path)}: ${first.message}; delete it and run \`npm run videos -- process\` to regenerate`,
    };
  }
  return { ok: true, value: parsed.data };
}

export const readVideoStatus = (id: string, root?: string): CacheRead<VideoStatusFile> =>
  readJson(existsSync(legacyStatusFile(id, root)) ? legacyStatusFile(id, root) : videoStatusFile(id, root), videoStatusFileSchema, root);

/** Reads and validates one material file; the problems are the ones `npm run check` prints. */
export function readMaterialFile<T>(
  id: string,
  name: (typeof materialFiles)[keyof typeof materialFiles],
  parse: (text: string, file: string) => Parsed<T>,
  root?: string,
): CacheRead<T> & { problems?: ContentProblem[] } {
  const file = videoMaterialFile(id, name, root);
  const text = readText(file, root);
  if (!text.ok) return text;
  const parsed = parse(text.value, contentPath(file, root));
  if (parsed.ok) return parsed;
  return {
    ok: false,
    missing: false,
    problems: parsed.problems,
    error: `${formatProblem(parsed.problems[0]!)}; fix it (\`npm run check\` lists every problem) or delete the file and run \`npm run videos -- process\``,
  };
}

/** True when the video's material is still a single-file result (<id>.json). */
export const isLegacyCache = (id: string, root?: string) => existsSync(legacyResultFile(id, root));

/** A video's material as one VideoResult: from its folder, or from a not yet migrated <id>.json. */
export function readVideoResult(id: string, root?: string): CacheRead<VideoResult> {
  if (isLegacyCache(id, root)) return readJson(legacyResultFile(id, root), videoResultSchema, root);
  const meta = readMaterialFile(id, materialFiles.meta, parseMeta, root);
  if (!meta.ok) return meta;
  const transcript = readMaterialFile(id, materialFiles.transcript, parseTranscript, root);
  const notes = readMaterialFile(id, materialFiles.notes, parseNotes, root);
  const quiz = readMaterialFile(id, materialFiles.quiz, parseQuiz, root);
  // A missing part of a folder is damage, not a video without material.
  if (!transcript.ok) return { ok: false, missing: false, error: transcript.error };
  if (!notes.ok) return { ok: false, missing: false, error: notes.error };
  if (!quiz.ok) return { ok: false, missing: false, error: quiz.error };
  const m = meta.value;
  return {
    ok: true,
    value: {
      youtubeVideoId: m.youtubeVideoId,
      meta: m.meta,
      transcript: { ...m.transcript, segments: transcript.value },
      notes: notes.value.notes,
      quiz: quiz.value.quiz,
      generator: m.generator,
      inputsHash: m.inputsHash,
      review: { notes: notes.value.reviewed, quiz: quiz.value.reviewed },
    },
  };
}

/** Which reviewed parts have a newer proposal from the pipeline waiting beside them. */
export function pendingProposals(id: string, root?: string): ('notes' | 'quiz')[] {
  const waiting: ('notes' | 'quiz')[] = [];
  if (existsSync(videoMaterialFile(id, materialFiles.notesProposal, root))) waiting.push('notes');
  if (existsSync(videoMaterialFile(id, materialFiles.quizProposal, root))) waiting.push('quiz');
  return waiting;
}

/** Problems in the editable material of every video folder (notes.md, quiz.yaml), for `npm run check`. */
export function checkVideoMaterial(ids: readonly string[], root?: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const id of ids) {
    if (isLegacyCache(id, root) || !existsSync(videoMaterialDir(id, root))) continue;
    for (const [name, parse] of [
      [materialFiles.notes, parseNotes],
      [materialFiles.quiz, parseQuiz],
    ] as const) {
      const read = readMaterialFile<unknown>(id, name, parse as (text: string, file: string) => Parsed<unknown>, root);
      if (!read.ok && read.problems) problems.push(...read.problems);
    }
  }
  return problems;
}
