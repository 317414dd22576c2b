/**
 * How a library video and its pipeline state read on the site: its title and
 * length from the entry, the result or what a failed run learned; what a
 * learner is told (never the pipeline's error); and a course's shown status.
 * Pure, so the pipeline tests and the pages share one answer.
 */
import type { VideoEntry, VideoResult, VideoStatusFile } from './schema.ts';

export type ShownStatus = 'draft' | 'generating' | 'ready' | 'failed';

/** What a learner is told about a video's material: ready, the last version after a failed refresh, or being prepared. */
export type LearnerVideoState = 'ready' | 'refresh-failed' | 'preparing';

/** The title shown: the entry's (edited after processing, it still wins), else YouTube's, else the id. */
export function videoTitle(id: string, entry: Pick<VideoEntry, 'title'>, status: VideoStatusFile, result: VideoResult | null): string {
  return entry.title?.trim() || result?.meta.title.trim() || status.title?.trim() || `YouTube video ${id}`;
}

/** The length in seconds when known from the result or from a run that failed after reading it; 0 when unknown. */
export function videoDurationSeconds(status: VideoStatusFile, result: VideoResult | null): number {
  return result?.meta.durationSeconds || status.durationSeconds || 0;
}

export function learnerVideoState(status: VideoStatusFile, hasResult: boolean): LearnerVideoState {
  if (!hasResult) return 'preparing';
  return status.status === 'failed' ? 'refresh-failed' : 'ready';
}

/** The plain sentence a learner reads about a video without fresh material; empty when there is nothing to say. */
export function learnerVideoNotice(state: LearnerVideoState): string {
  return {
    ready: '',
    'refresh-failed': 'Notes for this lecture could not be refreshed; showing the last version.',
    preparing: 'Notes for this lecture are being prepared. You can already watch it.',
  }[state];
}

/**
 * A course's status: `draft` when authored so; for learners a video that still serves material
 * (even after a failed refresh) is ready, and one without any is being generated. Instructors
 * see `failed` for every failed video.
 */
export function courseShownStatus(
  authored: ShownStatus,
  videos: readonly { status: VideoStatusFile; result: VideoResult | null }[],
  audience: 'learner' | 'instructor' = 'learner',
): ShownStatus {
  if (authored === 'draft') return 'draft';
  if (audience === 'instructor' && videos.some((v) => v.status.status === 'failed')) return 'failed';
  if (videos.some((v) => v.status.status === 'pending' || v.status.status === 'processing' || (v.status.status === 'failed' && !v.result))) return 'generating';
  return authored === 'failed' ? 'failed' : 'ready';
}
