/**
 * Decides, from files alone (no network, no model), which library videos a
 * run must process, and the inputs hash a completed video is checked against.
 */
import { sha256 } from '../../src/lib/hash.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { materialDigest, readVideoResult, readVideoStatus } from '../../src/lib/generated-files.ts';
import type { Segment, VideoBatch, VideoChapter, VideoResult, VideoStatusFile } from '../../src/lib/schema.ts';
import type { ValidVideo } from '../../src/lib/validate-content.ts';
import { PROMPT_VERSION, type PipelineConfig } from './config.ts';

export const transcriptDigestOfSegments = (segments: readonly Segment[]) => sha256(JSON.stringify(segments));

/** What the lecture itself says about its structure and language, besides the transcript. */
export interface LectureInputs {
  language?: string | undefined;
  chapters?: readonly VideoChapter[] | undefined;
}

/**
 * Everything that changes the output: the transcript, the lecture's language and chapters,
 * the prompt version, the provider and its models. English and "no chapters" are left out,
 * so caches written before they counted stay valid.
 */
export function inputsHash(transcriptDigest: string, config: Pick<PipelineConfig, 'provider' | 'notes' | 'quiz'>, lecture: LectureInputs = {}): string {
  const language = lecture.language && lecture.language.toLowerCase() !== 'en' ? lecture.language : undefined;
  const chapters = lecture.chapters?.length ? lecture.chapters.map((c) => [c.startMs, c.title]) : undefined;
  return sha256(
    JSON.stringify({
      transcript: transcriptDigest,
      promptVersion: PROMPT_VERSION,
      provider: config.provider,
      notesModel: config.notes.model,
      quizModel: config.quiz.model,
      language,
      chapters,
    }),
  ).slice(0, 32);
}

/** The language a library entry asks for: the first of its `languages`. */
export const entryLanguage = (video: ValidVideo): string | undefined => video.data.languages[0];

export type WorkReason = 'new' | 'pending' | 'interrupted' | 'inputs changed' | 'forced' | 'retry' | 'unreadable cache';

export interface VideoPlan {
  video: ValidVideo;
  status: VideoStatusFile | null;
  /** The last good result; read only when the video needs work or its status cannot vouch for it, so null for most up-to-date videos. */
  previous: VideoResult | null;
  /** Problems reading this video's cache files, shown to the user. */
  cacheProblems: string[];
  /** Why it needs work, or null when it is up to date (or failed and waiting for `retry`). */
  reason: WorkReason | null;
  /** Hash of the current inputs when it can be known without the network. */
  knownInputsHash: string | undefined;
  /** Set when model-written material would have been replaced by the offline extractor and was kept instead: why it would have run. */
  keptFrom?: WorkReason;
  /** The OpenAI batch this video's requests wait in (reason null: a batch run collects it, nothing submits it again). */
  openBatch?: VideoBatch;
}

/** Hash of a committed caption file; undefined when it cannot be read. */
function captionDigest(root: string, captionFile: string): string | undefined {
  try {
    return sha256(readFileSync(join(root, captionFile)));
  } catch {
    return undefined;
  }
}

/** True when the material files are byte for byte the ones its status file recorded (no parse needed). */
function resultMatchesStatus(root: string, id: string, status: VideoStatusFile | null): boolean {
  if (!status?.resultDigest) return false;
  return materialDigest(id, root) === status.resultDigest;
}

export interface PlanOptions {
  force?: boolean | undefined;
  /** Ids the user asked to retry: processed even when failed. */
  retry?: ReadonlySet<string> | undefined;
  /** The user asked for the offline extractor explicitly (`--provider offline`): it may replace model-written material. */
  replaceModelMaterial?: boolean | undefined;
}

/** True when this run would replace material a model wrote with the offline extractor's. */
export const wouldDowngrade = (previous: VideoResult | null, config: Pick<PipelineConfig, 'provider'>): boolean =>
  previous?.generator.provider === 'openai' && config.provider === 'offline';

/**
 * Plans one video and says whether (and why) it needs work. Its status file
 * carries the inputs hash, so the result (a whole transcript) is read and
 * validated only when the status cannot vouch for it: no caption file to hash,
 * inputs changed, work to do, or a result that is not the one its status recorded.
 */
export function planVideo(root: string, video: ValidVideo, config: PipelineConfig, options: PlanOptions = {}): VideoPlan {
  const cacheProblems: string[] = [];
  const statusRead = readVideoStatus(video.id, root);
  const status = statusRead.ok ? statusRead.value : null;
  if (!statusRead.ok && !statusRead.missing) cacheProblems.push(statusRead.error);

  const fileDigest = video.captionFile ? captionDigest(root, video.captionFile) : undefined;
  const language = entryLanguage(video);
  const fileInputsHash = fileDigest ? inputsHash(fileDigest, config, { language, chapters: video.data.chapters }) : undefined;
  const settled = status?.status === 'completed' || status?.status === 'failed';
  const vouched =
    !options.force &&
    !options.retry?.has(video.id) &&
    settled &&
    fileInputsHash !== undefined &&
    status?.inputsHash === fileInputsHash &&
    resultMatchesStatus(root, video.id, status);
  if (vouched) return { video, status, previous: null, cacheProblems, reason: null, knownInputsHash: fileInputsHash };

  const resultRead = readVideoResult(video.id, root);
  const previous = resultRead.ok ? resultRead.value : null;
  if (!resultRead.ok && !resultRead.missing) cacheProblems.push(resultRead.error);

  // Without a caption file, the cached YouTube transcript stands for the inputs (never refetched just to compare).
  const digest = video.captionFile
    ? fileDigest
    : previous?.transcript.source === 'youtube'
      ? transcriptDigestOfSegments(previous.transcript.segments)
      : undefined;
  // The chapters the generator is given: the entry's, else the ones YouTube gave last time.
  const knownInputsHash = digest ? inputsHash(digest, config, { language, chapters: video.data.chapters ?? previous?.meta.chapters }) : undefined;
  const keep = !options.replaceModelMaterial && wouldDowngrade(previous, config);
  const plan = (reason: WorkReason | null): VideoPlan =>
    reason && keep && reason !== 'forced'
      ? { video, status, previous, cacheProblems, reason: null, knownInputsHash, keptFrom: reason }
      : { video, status, previous, cacheProblems, reason, knownInputsHash };

  if (options.force) return plan('forced');
  if (options.retry?.has(video.id)) return plan('retry');
  if (cacheProblems.length > 0 && !(status?.status === 'failed')) return plan('unreadable cache');
  // An unreadable status file was reported above, so no status here means a new video.
  if (!status) return plan('new');
  switch (status.status) {
    case 'pending':
      return plan('pending');
    case 'processing':
      // Requests waiting in a batch are collected by a batch run, not asked again.
      if (status.batch) return { video, status, previous, cacheProblems, reason: null, knownInputsHash, openBatch: status.batch };
      return plan('interrupted');
    case 'failed':
      // A failure is retried on its own only when its inputs changed (e.g. a caption file was committed).
      return plan(knownInputsHash && status.inputsHash !== knownInputsHash ? 'inputs changed' : null);
    case 'completed':
      if (!previous) return plan('unreadable cache');
      if (knownInputsHash !== previous.inputsHash || knownInputsHash !== status.inputsHash) return plan('inputs changed');
      return plan(null);
  }
}

/** A share of the library: the videos whose id hashes to `index` of `count` (both from 1). */
export interface Shard {
  index: number;
  count: number;
}

/** The shard (1..count) a video belongs to: a hash of its id, not its place in the list, so adding a video moves no other. */
export function shardOf(id: string, count: number): number {
  return (Number.parseInt(sha256(id).slice(0, 8), 16) % count) + 1;
}

export const inShard = (id: string, shard: Shard): boolean => shardOf(id, shard.count) === shard.index;
