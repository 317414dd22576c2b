/**
 * `videos add`: writes a library entry per YouTube video, with its title and
 * caption language from YouTube when it answers, or the `--title` given.
 * YouTube being unreachable is a warning, never a failed add. `addVideos`
 * returns what happened as data (the studio shows it); `runAdd` prints it.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomically } from '../pipeline/atomic-write.ts';
import { contentDir } from '../../src/lib/content-files.ts';
import { readVideoStatus } from '../../src/lib/video-cache.ts';
import { createMaterialWriter } from '../pipeline/material-writer.ts';
import { canonicalUrl, parseYoutubeRef } from '../pipeline/youtube-url.ts';
import { PipelineError, type VideoSource } from '../pipeline/adapters.ts';
import { UsageError } from './process-command.ts';

export interface AddRequest {
  root: string;
  inputs: readonly string[];
  /** The title to record (one video only); wins over YouTube's. */
  title?: string | undefined;
  /** null when YouTube is switched off. */
  source: VideoSource | null;
  captionLanguages: readonly string[];
}

export interface AddRun extends AddRequest {
  out(line: string): void;
  err(line: string): void;
}

/** One video's outcome: a new entry, or one already in the library (left unchanged). */
export type AddedVideo =
  | { id: string; file: string; outcome: 'added'; title?: string; language?: string; warnings: string[] }
  | { id: string; file: string; outcome: 'exists'; status: string; warnings: string[] };

export interface AddResult {
  /** Inputs that are not YouTube videos, each with its message; when any, nothing was written. */
  invalid: { input: string; error: string }[];
  videos: AddedVideo[];
}

/**
 * Adds each video and says what happened; writes nothing when any input is not a YouTube URL or id.
 * Throws UsageError for a misused title, PipelineError when an entry cannot be written.
 */
export async function addVideos({ root, inputs, title, source, captionLanguages }: AddRequest): Promise<AddResult> {
  const dir = join(contentDir(root), 'videos');
  const parsed = inputs.map((input) => ({ input, ref: parseYoutubeRef(input) }));
  const invalid = parsed.flatMap((p) => (p.ref.ok ? [] : [{ input: p.input, error: p.ref.error }]));
  if (invalid.length) return { invalid, videos: [] };
  const givenTitle = title?.trim();
  if (title !== undefined && !givenTitle) throw new UsageError('--title: expected the video\'s title, got an empty string');
  if (givenTitle && parsed.length > 1) throw new UsageError('--title names one video; add the others separately');
  const writer = createMaterialWriter(root);
  const videos: AddedVideo[] = [];
  for (const { ref } of parsed) {
    if (!ref.ok || videos.some((v) => v.id === ref.id)) continue;
    const file = join(dir, `${ref.id}.yaml`);
    const rel = relative(root, file);
    if (existsSync(file)) {
      const status = readVideoStatus(ref.id, root);
      videos.push({ id: ref.id, file: rel, outcome: 'exists', status: status.ok ? status.value.status : 'pending', warnings: [] });
      continue;
    }
    const warnings: string[] = [];
    let fromYouTube: { title?: string; language?: string } = {};
    if (source) {
      try {
        const listing = await source.getListing(ref.id, captionLanguages);
        const found = listing.meta.title.trim();
        fromYouTube = { ...(found ? { title: found } : {}), ...(listing.captionLanguage ? { language: listing.captionLanguage } : {}) };
      } catch (error) {
        const why = error instanceof PipelineError ? error.message : (error as Error).message;
        const then = givenTitle ? `recorded the title you gave ("${givenTitle}")` : `the entry has no title yet: add \`title:\` to ${rel} or run add again with --title "..."`;
        warnings.push(`could not get ${ref.id} from YouTube (${why}); ${then}`);
      }
    }
    if (!source && !givenTitle) warnings.push(`YouTube is switched off (LEARNSPACE_NO_YOUTUBE), so ${ref.id} has no title yet: add \`title:\` to ${rel} or run add again with --title "..."`);
    const entryTitle = givenTitle ?? fromYouTube.title;
    const entry = {
      youtubeVideoId: ref.id,
      url: canonicalUrl(ref.id),
      ...(entryTitle ? { title: entryTitle } : {}),
      ...(fromYouTube.language ? { languages: [fromYouTube.language] } : {}),
    };
    try {
      await writeFileAtomically(file, stringify(entry));
    } catch (error) {
      throw new PipelineError(`cannot write ${rel} (${(error as NodeJS.ErrnoException).code})`);
    }
    await writer.writeStatus(ref.id, { status: 'pending', attempts: 0, updatedAt: new Date().toISOString() });
    videos.push({ id: ref.id, file: rel, outcome: 'added', ...(entryTitle ? { title: entryTitle } : {}), ...(fromYouTube.language ? { language: fromYouTube.language } : {}), warnings });
  }
  return { invalid, videos };
}

/** Adds each video and prints what happened; returns the exit code (1 when an input is not a YouTube URL or id). */
export async function runAdd({ out, err, ...request }: AddRun): Promise<number> {
  const result = await addVideos(request);
  for (const bad of result.invalid) err(`videos: ${bad.error}`);
  if (result.invalid.length) return 1;
  for (const video of result.videos) {
    for (const warning of video.warnings) err(`videos: warning: ${warning}`);
    if (video.outcome === 'exists') {
      out(`${video.id}: already in the library (${video.file}, status ${video.status}); left unchanged`);
      continue;
    }
    const facts = [video.title ? `"${video.title}"` : 'untitled', video.language ? `captions: ${video.language}` : ''].filter(Boolean).join(', ');
    out(`${video.id}: added ${video.file} (${facts}; pending: run \`npm run videos -- process\` or build)`);
  }
  return 0;
}
