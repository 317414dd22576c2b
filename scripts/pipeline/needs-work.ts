/**
 * Decides, from files alone (no network, no model), which library videos a
 * run must process, and the inputs hash a completed video is checked against.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVideoResult, readVideoStatus } from '../../src/lib/video-cache.ts';
import type { Segment, VideoResult, VideoStatusFile } from '../../src/lib/schema.ts';
import type { ValidVideo } from '../../src/lib/validate-content.ts';
import { PROMPT_VERSION, type PipelineConfig } from './config.ts';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export const transcriptDigestOfSegments = (segments: readonly Segment[]) => sha256(JSON.stringify(segments));

/** Everything that changes the output: the transcript, the prompt version, the provider and its models. */
export function inputsHash(transcriptDigest: string, config: Pick<PipelineConfig, 'provider' | 'notes' | 'quiz'>): string {
  return sha256(
    JSON.stringify({ transcript: transcriptDigest, promptVersion: PROMPT_VERSION, provider: config.provider, notesModel: config.notes.model, quizModel: config.quiz.model }),
  ).slice(0, 32);
}

export type WorkReason = 'new' | 'pending' | 'interrupted' | 'inputs changed' | 'forced' | 'retry' | 'unreadable cache';

export interface VideoPlan {
  video: ValidVideo;
  status: VideoStatusFile | null;
  previous: VideoResult | null;
  /** Problems reading this video's cache files, shown to the user. */
  cacheProblems: string[];
  /** Why it needs work, or null when it is up to date (or failed and waiting for `retry`). */
  reason: WorkReason | null;
  /** Hash of the current inputs when it can be known without the network. */
  knownInputsHash: string | undefined;
}

/** Hash of a committed caption file, or of the cached YouTube transcript (never refetched just to compare). */
function knownTranscriptDigest(root: string, video: ValidVideo, previous: VideoResult | null): string | undefined {
  if (video.captionFile) {
    try {
      return sha256(readFileSync(join(root, video.captionFile)));
    } catch {
      return undefined;
    }
  }
  if (previous?.transcript.source === 'youtube') return transcriptDigestOfSegments(previous.transcript.segments);
  return undefined;
}

export interface PlanOptions {
  force?: boolean;
  /** Ids the user asked to retry: processed even when failed. */
  retry?: ReadonlySet<string>;
}

/** Plans one video: reads its status and result and says whether (and why) it needs work. */
export function planVideo(root: string, video: ValidVideo, config: PipelineConfig, options: PlanOptions = {}): VideoPlan {
  const cacheProblems: string[] = [];
  const statusRead = readVideoStatus(video.id, root);
  const status = statusRead.ok ? statusRead.value : null;
  if (!statusRead.ok && !statusRead.missing) cacheProblems.push(statusRead.error);
  const resultRead = readVideoResult(video.id, root);
  const previous = resultRead.ok ? resultRead.value : null;
  if (!resultRead.ok && !resultRead.missing) cacheProblems.push(resultRead.error);

  const digest = knownTranscriptDigest(root, video, previous);
  const knownInputsHash = digest ? inputsHash(digest, config) : undefined;
  const plan = (reason: WorkReason | null): VideoPlan => ({ video, status, previous, cacheProblems, reason, knownInputsHash });

  if (options.force) return plan('forced');
  if (options.retry?.has(video.id)) return plan('retry');
  if (cacheProblems.length > 0 && !(status?.status === 'failed')) return plan('unreadable cache');
  if (!status) return plan(statusRead.ok || statusRead.missing ? 'new' : 'unreadable cache');
  switch (status.status) {
    case 'pending':
      return plan('pending');
    case 'processing':
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
