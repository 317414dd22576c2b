/**
 * `videos add`: writes a library entry per YouTube video, with its title and
 * caption language from YouTube when it answers, or the `--title` given.
 * YouTube being unreachable is a warning, never a failed add.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomically } from '../pipeline/atomic-write.ts';
import { contentDir } from '../../src/lib/content-files.ts';
import { pendingStatus, readVideoStatus } from '../../src/lib/generated-files.ts';
import { createMaterialWriter } from '../pipeline/material-writer.ts';
import { canonicalUrl, parseYoutubeRef } from '../pipeline/youtube-url.ts';
import { PipelineError, type VideoSource } from '../pipeline/adapters.ts';
import { UsageError } from './process.ts';

export interface AddRun {
  root: string;
  inputs: readonly string[];
  /** The title to record (one video only); wins over YouTube's. */
  title?: string | undefined;
  /** null when YouTube is switched off. */
  source: VideoSource | null;
  captionLanguages: readonly string[];
  out(line: string): void;
  err(line: string): void;
}

/** Adds each video; returns the exit code (1 when an input is not a YouTube URL or id). */
export async function runAdd({ root, inputs, title, source, captionLanguages, out, err }: AddRun): Promise<number> {
  const dir = join(contentDir(root), 'videos');
  const parsed = inputs.map((input) => ({ input, ref: parseYoutubeRef(input) }));
  const bad = parsed.filter((p) => !p.ref.ok);
  for (const p of bad) if (!p.ref.ok) err(`videos: ${p.ref.error}`);
  if (bad.length) return 1;
  const givenTitle = title?.trim();
  if (title !== undefined && !givenTitle) throw new UsageError('--title: expected the video\'s title, got an empty string');
  if (givenTitle && parsed.length > 1) throw new UsageError('--title names one video; add the others separately');
  const writer = createMaterialWriter(root);
  for (const { ref } of parsed) {
    if (!ref.ok) continue;
    const file = join(dir, `${ref.id}.yaml`);
    const rel = relative(root, file);
    if (existsSync(file)) {
      const status = readVideoStatus(ref.id, root);
      out(`${ref.id}: already in the library (${rel}, status ${status.ok ? status.value.status : 'pending'}); left unchanged`);
      continue;
    }
    let fromYouTube: { title?: string | undefined; language?: string | undefined } = {};
    if (source) {
      try {
        const listing = await source.getListing(ref.id, captionLanguages);
        fromYouTube = { title: listing.meta.title.trim() || undefined, language: listing.captionLanguage };
      } catch (error) {
        const why = error instanceof PipelineError ? error.message : (error as Error).message;
        const then = givenTitle ? `recorded the title you gave ("${givenTitle}")` : `the entry has no title yet: add \`title:\` to ${rel} or run add again with --title "..."`;
        err(`videos: warning: could not get ${ref.id} from YouTube (${why}); ${then}`);
      }
    }
    if (!source && !givenTitle) err(`videos: warning: YouTube is switched off (LEARNSPACE_NO_YOUTUBE), so ${ref.id} has no title yet: add \`title:\` to ${rel} or run add again with --title "..."`);
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
    await writer.writeStatus(ref.id, pendingStatus(new Date()));
    const facts = [entryTitle ? `"${entryTitle}"` : 'untitled', fromYouTube.language ? `captions: ${fromYouTube.language}` : ''].filter(Boolean).join(', ');
    out(`${ref.id}: added ${rel} (${facts}; pending: run \`npm run videos -- process\` or build)`);
  }
  return 0;
}
