/**
 * The pipeline core: for each library video that needs work, transcript and
 * metadata → notes → quiz → validated result, with the status file telling
 * the site and the CLI where each video stands. Every edge (YouTube, the
 * model, the cache files) is passed in.
 */
import { sha256 } from '../../src/lib/hash.ts';
import { youtubeThumbnailUrl } from '../../src/lib/thumbnails.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import {
  notesSchema,
  videoQuizSchema,
  videoResultSchema,
  type Segment,
  type VideoChapter,
  type VideoMeta,
  type VideoResult,
  type VideoStatusFile,
} from '../../src/lib/schema.ts';
import { createRedactor } from '../../src/lib/redact.ts';
import type { ValidVideo } from '../../src/lib/validate-content.ts';
import { PROMPT_VERSION, type PipelineConfig } from './config.ts';
import { CaptionParseError, parseCaptions } from './captions.ts';
import { entryLanguage, inputsHash, planVideo, transcriptDigestOfSegments, type VideoPlan, type WorkReason } from './needs-work.ts';
import { parseModelOutput } from './model-output.ts';
import type { MaterialWriter } from './material-writer.ts';
import { AnswerDeferredError, PipelineError, type NotesAndQuizGenerator, type VideoSource } from './adapters.ts';

export interface VideoOutcome {
  id: string;
  status: 'completed' | 'failed';
  reason: WorkReason;
  attempts: number;
  error?: string | undefined;
  servingPrevious?: boolean | undefined;
  /** Non-fatal notes, e.g. metadata taken from the entry because YouTube was unreachable. */
  warnings: string[];
  durationMs: number;
}

export interface ProcessEvents {
  onPlan?(plans: { todo: VideoPlan[]; upToDate: VideoPlan[]; waitingForRetry: VideoPlan[]; kept: VideoPlan[]; inBatch: VideoPlan[] }): void;
  onStart?(id: string): void;
  onDone?(outcome: VideoOutcome): void;
}

export interface ProcessOptions {
  root: string;
  videos: readonly ValidVideo[];
  config: PipelineConfig;
  generator: NotesAndQuizGenerator;
  /** null when YouTube is switched off (LEARNSPACE_NO_YOUTUBE). */
  source: VideoSource | null;
  writer: MaterialWriter;
  force?: boolean | undefined;
  retry?: ReadonlySet<string> | undefined;
  /** The user chose the offline extractor explicitly: it may replace model-written material. */
  replaceModelMaterial?: boolean | undefined;
  events?: ProcessEvents | undefined;
  now?: (() => Date) | undefined;
}

export interface ProcessReport {
  outcomes: VideoOutcome[];
  upToDate: VideoPlan[];
  waitingForRetry: VideoPlan[];
  /** Model-written material this (offline) run would have replaced and kept instead. */
  kept: VideoPlan[];
  /** Videos whose requests wait in an OpenAI batch: left for a batch run to collect. */
  inBatch: VideoPlan[];
  /** Unreadable cache files found while planning, each naming its file (redacted). */
  cacheProblems: string[];
}

export interface Acquired {
  meta: VideoMeta;
  transcript: VideoResult['transcript'];
  digest: string;
  warnings: string[];
}

/** YouTube's answer with known values kept where it came back empty (a bot check or an unplayable video answers with blanks). */
export function mergeMeta(fetched: VideoMeta, known: VideoMeta | undefined): VideoMeta {
  if (!known) return fetched;
  return {
    title: fetched.title.trim() || known.title,
    channel: fetched.channel.trim() || known.channel,
    durationSeconds: fetched.durationSeconds || known.durationSeconds,
    publishedAt: fetched.publishedAt || known.publishedAt,
    thumbnailUrl: fetched.thumbnailUrl || known.thumbnailUrl,
    chapters: fetched.chapters?.length ? fetched.chapters : known.chapters,
  };
}

/** The lecture's chapters the generator follows: the entry's list wins over YouTube's. */
const lectureChapters = (video: ValidVideo, meta: VideoMeta): VideoChapter[] | undefined =>
  video.data.chapters ?? (meta.chapters?.length ? meta.chapters : undefined);

/** Transcript and metadata: a committed caption file wins; otherwise YouTube (or the cached YouTube transcript when only settings changed). */
async function acquire(plan: VideoPlan, options: ProcessOptions): Promise<Acquired> {
  const { video, previous } = plan;
  const { config, source, root } = options;
  const warnings: string[] = [];
  const languages = [...new Set([...video.data.languages, ...config.captionLanguages])];

  if (video.captionFile) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, video.captionFile));
    } catch (error) {
      throw new PipelineError(`cannot read ${video.captionFile} (${(error as NodeJS.ErrnoException).code})`);
    }
    let segments: Segment[];
    try {
      const parsed = parseCaptions(bytes.toString('utf8'), video.captionFile);
      segments = parsed.segments;
      warnings.push(...parsed.warnings);
    } catch (error) {
      throw new PipelineError(error instanceof CaptionParseError ? error.message : `${video.captionFile}: ${(error as Error).message}`);
    }
    const fromEntry: VideoMeta = {
      title: video.data.title ?? (previous?.meta.title || video.id),
      channel: previous?.meta.channel ?? '',
      durationSeconds: previous?.meta.durationSeconds || Math.round(Math.max(...segments.map((s) => s.endMs)) / 1000),
      publishedAt: previous?.meta.publishedAt,
      thumbnailUrl: previous?.meta.thumbnailUrl ?? youtubeThumbnailUrl(video.id),
    };
    let meta = fromEntry;
    if (source) {
      try {
        meta = mergeMeta(await source.getMetadata(video.id), fromEntry);
      } catch (error) {
        warnings.push(`metadata from the entry, not YouTube (${(error as Error).message.split(';')[0]})`);
      }
    }
    return { meta, transcript: { source: 'file', language: video.data.languages[0] ?? 'en', segments }, digest: sha256(bytes), warnings };
  }

  // Only settings changed: the cached YouTube transcript is still the transcript.
  if (plan.reason === 'inputs changed' && previous?.transcript.source === 'youtube') {
    return { meta: previous.meta, transcript: previous.transcript, digest: transcriptDigestOfSegments(previous.transcript.segments), warnings };
  }
  if (!source) {
    throw new PipelineError(
      `YouTube is switched off (LEARNSPACE_NO_YOUTUBE) and there is no caption file; commit content/videos/${video.id}.vtt (or .srt/.txt)`,
    );
  }
  const fetched = await source.getVideo(video.id, languages);
  const segments = fetched.transcript.segments;
  return {
    meta: mergeMeta(fetched.meta, previous?.meta),
    transcript: { source: 'youtube', language: fetched.transcript.language, segments },
    digest: transcriptDigestOfSegments(segments),
    warnings,
  };
}

/** How one video is run: the synchronous path uses the defaults; batch mode passes its replaying generator and keeps the transcript between rounds. */
export interface VideoWork {
  generator?: NotesAndQuizGenerator;
  /** The attempt number to record (a collected batch continues the attempt that submitted it). */
  attempts?: number;
  /** Write `processing` before starting (the synchronous path; batch mode writes it with the batch id). */
  markProcessing?: boolean;
  /** Transcripts already acquired, by video id, so later rounds do not read or fetch them again. */
  acquired?: Map<string, Promise<Acquired>>;
  /** The reason shown for a video the planner left alone (one collected from a batch). */
  reason?: WorkReason;
}

/**
 * Runs one video to a completed or failed status file. With a batch generator an answer may not
 * be there yet: AnswerDeferredError passes through and nothing is written.
 */
export async function processOne(plan: VideoPlan, options: ProcessOptions, redact: (text: string) => string, work: VideoWork = {}): Promise<VideoOutcome> {
  const { video, previous } = plan;
  const { writer, config } = options;
  const generator = work.generator ?? options.generator;
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const started = Date.now();
  const attempts = work.attempts ?? (plan.status?.attempts ?? 0) + 1;
  const reason = work.reason ?? plan.reason ?? 'interrupted';
  let warnings: string[] = [];
  let hash = plan.knownInputsHash;
  let learned: Pick<VideoStatusFile, 'title' | 'durationSeconds'> = {};
  try {
    if (work.markProcessing !== false)
      await writer.writeStatus(video.id, { status: 'processing', attempts, updatedAt: now(), inputsHash: plan.status?.inputsHash });
    let acquiring = work.acquired?.get(video.id);
    if (!acquiring) {
      acquiring = acquire(plan, options);
      work.acquired?.set(video.id, acquiring);
    }
    const acquired = await acquiring;
    warnings = acquired.warnings.map(redact);
    learned = { title: acquired.meta.title || undefined, durationSeconds: acquired.meta.durationSeconds || undefined };
    const chapters = lectureChapters(video, acquired.meta);
    const language = acquired.transcript.language || entryLanguage(video);
    hash = inputsHash(acquired.digest, config, { language: entryLanguage(video), chapters });
    const input = {
      youtubeVideoId: video.id,
      title: video.data.title ?? (acquired.meta.title || video.id),
      segments: acquired.transcript.segments,
      chapters,
      language,
    };
    const notes = parseModelOutput(JSON.stringify(await generator.generateNotes(input)), notesSchema, 'notes');
    const quiz = parseModelOutput(JSON.stringify(await generator.generateQuiz({ ...input, notes })), videoQuizSchema, 'quiz');
    const result: VideoResult = videoResultSchema.parse({
      youtubeVideoId: video.id,
      meta: acquired.meta,
      transcript: acquired.transcript,
      notes,
      quiz,
      generator: { provider: generator.provider, model: generator.model, promptVersion: PROMPT_VERSION, generatedAt: now() },
      inputsHash: hash,
    });
    const resultDigest = await writer.writeResult(video.id, result);
    await writer.writeStatus(video.id, { status: 'completed', attempts, updatedAt: now(), inputsHash: hash, resultDigest });
    return { id: video.id, status: 'completed', reason, attempts, warnings, durationMs: Date.now() - started };
  } catch (error) {
    if (error instanceof AnswerDeferredError) throw error;
    const message = redact(error instanceof PipelineError ? error.message : `unexpected error: ${(error as Error).message}`);
    // The last good result is untouched, so the digest its status recorded before this run still vouches for it.
    const failed: VideoStatusFile = {
      status: 'failed',
      error: message,
      attempts,
      updatedAt: now(),
      inputsHash: hash,
      servingPrevious: previous ? true : undefined,
      resultDigest: previous ? plan.status?.resultDigest : undefined,
      ...learned,
    };
    let finalMessage = message;
    try {
      await writer.writeStatus(video.id, failed);
    } catch (writeError) {
      finalMessage = `${message}; also ${redact((writeError as Error).message)}`;
    }
    return {
      id: video.id,
      status: 'failed',
      reason,
      attempts,
      error: finalMessage,
      servingPrevious: previous ? true : undefined,
      warnings,
      durationMs: Date.now() - started,
    };
  }
}

export interface RunPlan {
  plans: VideoPlan[];
  todo: VideoPlan[];
  upToDate: VideoPlan[];
  waitingForRetry: VideoPlan[];
  kept: VideoPlan[];
  inBatch: VideoPlan[];
  redact: (text: string) => string;
}

/** Plans every given video (files only, no network) and sorts the plans into what the run reports. */
export function planRun(options: ProcessOptions): RunPlan {
  const { config, root } = options;
  const redact = createRedactor({ secrets: [config.apiKey], urls: [config.notes.baseURL, config.quiz.baseURL], root });
  const plans = options.videos.map((video) =>
    planVideo(root, video, config, { force: options.force, retry: options.retry, replaceModelMaterial: options.replaceModelMaterial }),
  );
  const todo = plans.filter((p) => p.reason !== null);
  const kept = plans.filter((p) => p.keptFrom !== undefined);
  const upToDate = plans.filter((p) => p.reason === null && !p.keptFrom && p.status?.status === 'completed');
  const inBatch = plans.filter((p) => p.reason === null && p.openBatch !== undefined);
  const waitingForRetry = plans.filter((p) => p.reason === null && !p.keptFrom && !p.openBatch && p.status?.status !== 'completed');
  return { plans, todo, upToDate, waitingForRetry, kept, inBatch, redact };
}

/** Processes every library video that needs work, `config.concurrency` at a time; one failure never stops the others. */
export async function processPendingVideos(options: ProcessOptions): Promise<ProcessReport> {
  const { plans, todo, upToDate, waitingForRetry, kept, inBatch, redact } = planRun(options);
  options.events?.onPlan?.({ todo, upToDate, waitingForRetry, kept, inBatch });
  const limit = pLimit(options.config.concurrency);
  const outcomes = await Promise.all(
    todo.map((plan) =>
      limit(async () => {
        options.events?.onStart?.(plan.video.id);
        const outcome = await processOne(plan, options, redact);
        options.events?.onDone?.(outcome);
        return outcome;
      }),
    ),
  );
  return { outcomes, upToDate, waitingForRetry, kept, inBatch, cacheProblems: plans.flatMap((p) => p.cacheProblems).map(redact) };
}
