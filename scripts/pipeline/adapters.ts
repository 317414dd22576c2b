/**
 * The edges the pipeline core talks to, as interfaces: where transcripts and
 * metadata come from and what writes notes and quizzes. Production passes the
 * YouTube and OpenAI adapters; tests pass the same adapters pointed at local peers.
 */
import type { Notes, Segment, VideoChapter, VideoMeta, VideoQuiz } from '../../src/lib/schema.ts';

export interface GenerationInput {
  youtubeVideoId: string;
  title: string;
  segments: readonly Segment[];
  /** The lecture's own chapters (the entry's, else YouTube's); when present, note sections follow them. */
  chapters?: readonly VideoChapter[];
  /** The transcript's language (BCP 47, e.g. "en", "de"). */
  language?: string;
}

export interface NotesAndQuizGenerator {
  provider: 'openai' | 'offline';
  /** The model name recorded in results (notes and quiz models joined when they differ). */
  model: string;
  generateNotes(input: GenerationInput): Promise<Notes>;
  generateQuiz(input: GenerationInput & { notes: Notes }): Promise<VideoQuiz>;
}

export interface FetchedTranscript {
  language: string;
  segments: Segment[];
}

export interface VideoSource {
  /** Title, channel, duration, date and thumbnail of a video. */
  getMetadata(id: string): Promise<VideoMeta>;
  /** Metadata and the caption language a new library entry should ask for (the first preferred one it has, else its own). */
  getListing(id: string, languages: readonly string[]): Promise<{ meta: VideoMeta; captionLanguage: string | undefined }>;
  /** Metadata and transcript, the transcript in the first available preferred language. */
  getVideo(id: string, languages: readonly string[]): Promise<{ meta: VideoMeta; transcript: FetchedTranscript }>;
}

/** One video of a playlist as the playlist lists it (no per-video request). */
export interface PlaylistVideoListing {
  id: string;
  title: string;
  durationSeconds?: number;
  /** False for private or deleted videos, which YouTube still lists. */
  playable: boolean;
}

export interface PlaylistListing {
  id: string;
  title: string;
  description?: string;
  /** Every video, in playlist order, across all of YouTube's pages. */
  videos: PlaylistVideoListing[];
}

export interface PlaylistSource {
  getPlaylist(id: string): Promise<PlaylistListing>;
}

/** A failure whose message is already what the user should read. */
export class PipelineError extends Error {
  override name = 'PipelineError';
}
