/**
 * `videos add`: writes a library entry per YouTube video, with its title and
 * caption language from YouTube when it answers, or the `--title` given.
 * YouTube being unreachable is a warning, never a failed add. A playlist adds
 * every video it lists and, with `--course`, a draft course in playlist order.
 * `addVideos` and `addPlaylist` return what happened as data (the studio shows
 * it); `runAdd` prints it.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomically } from '../pipeline/atomic-write.ts';
import { contentDir, suggestSlug } from '../../src/lib/content-files.ts';
import { pendingStatus, readVideoStatus } from '../../src/lib/generated-files.ts';
import { createMaterialWriter, type MaterialWriter } from '../pipeline/material-writer.ts';
import { canonicalPlaylistUrl, canonicalUrl, parsePlaylistRef, parseYoutubeRef } from '../pipeline/youtube-url.ts';
import { PipelineError, type PlaylistListing, type PlaylistSource, type VideoSource } from '../pipeline/adapters.ts';
import { UsageError } from './process.ts';

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
  /** A course slug: with a playlist, also write a draft course skeleton in content/courses/<slug>/. */
  course?: string | undefined;
  /** Videos per chapter in that course (default 1). */
  group?: number | undefined;
  source: (VideoSource & Partial<PlaylistSource>) | null;
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
  if (title !== undefined && !givenTitle) throw new UsageError("--title: expected the video's title, got an empty string");
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
    let fromYouTube: { title?: string | undefined; language?: string | undefined } = {};
    if (source) {
      try {
        const listing = await source.getListing(ref.id, captionLanguages);
        const found = listing.meta.title.trim();
        fromYouTube = { ...(found ? { title: found } : {}), ...(listing.captionLanguage ? { language: listing.captionLanguage } : {}) };
      } catch (error) {
        const why = error instanceof PipelineError ? error.message : (error as Error).message;
        const then = givenTitle
          ? `recorded the title you gave ("${givenTitle}")`
          : `the entry has no title yet: add \`title:\` to ${rel} or run add again with --title "..."`;
        warnings.push(`could not get ${ref.id} from YouTube (${why}); ${then}`);
      }
    }
    if (!source && !givenTitle)
      warnings.push(
        `YouTube is switched off (LEARNSPACE_NO_YOUTUBE), so ${ref.id} has no title yet: add \`title:\` to ${rel} or run add again with --title "..."`,
      );
    const entryTitle = givenTitle ?? fromYouTube.title;
    await writeEntry(writer, file, rel, {
      id: ref.id,
      ...(entryTitle ? { title: entryTitle } : {}),
      ...(fromYouTube.language ? { language: fromYouTube.language } : {}),
    });
    videos.push({
      id: ref.id,
      file: rel,
      outcome: 'added',
      ...(entryTitle ? { title: entryTitle } : {}),
      ...(fromYouTube.language ? { language: fromYouTube.language } : {}),
      warnings,
    });
  }
  return { invalid, videos };
}

/** Writes a new library entry and its pending status (with what is already known, for titles and course length). */
async function writeEntry(
  writer: MaterialWriter,
  file: string,
  rel: string,
  video: { id: string; title?: string; language?: string; durationSeconds?: number },
): Promise<void> {
  const entry = {
    youtubeVideoId: video.id,
    url: canonicalUrl(video.id),
    ...(video.title ? { title: video.title } : {}),
    ...(video.language ? { languages: [video.language] } : {}),
  };
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomically(file, stringify(entry));
  } catch (error) {
    throw new PipelineError(`cannot write ${rel} (${(error as NodeJS.ErrnoException).code})`);
  }
  await writer.writeStatus(video.id, { ...pendingStatus(new Date()), ...(video.durationSeconds ? { durationSeconds: video.durationSeconds } : {}) });
}

export interface PlaylistAddRequest {
  root: string;
  /** The playlist id (see parsePlaylistRef). */
  playlistId: string;
  /** A course slug for a draft course skeleton, or undefined for library entries only. */
  course?: string | undefined;
  /** Videos per chapter (default 1). */
  group?: number | undefined;
  source: PlaylistSource | null;
}

/** A course file and whether it was written now or kept as it was (it already existed). */
export interface CourseFile {
  file: string;
  outcome: 'written' | 'kept';
}

export interface PlaylistAddResult {
  playlist: { id: string; url: string; title: string };
  videos: AddedVideo[];
  /** Private or deleted videos the playlist lists, which cannot be added. */
  skipped: { id: string; title: string }[];
  course?: { slug: string; dir: string; files: CourseFile[] };
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Checks `--course` and `--group` before anything is fetched or written. */
export function checkCourseOptions(course: string | undefined, group: number | undefined): void {
  if (course !== undefined && !SLUG.test(course))
    throw new UsageError(`--course: expected a lowercase slug of letters, digits and single hyphens, like "linear-algebra", got "${course}"`);
  if (group !== undefined && (!Number.isInteger(group) || group < 1))
    throw new UsageError(`--group: expected a whole number of videos per chapter (1 or more), got "${group}"`);
  if (group !== undefined && course === undefined) throw new UsageError('--group sets videos per chapter of the course: add --course <slug>');
}

/** A video title as a chapter name: the part before " | " (YouTube series add "| Chapter 3, Series"), when that says something. */
const shortTitle = (title: string) => {
  const head = title.split(/\s+\|\s+/)[0]?.trim() ?? '';
  return head.length >= 3 ? head : title.trim();
};

/** A file or folder name from a title: a slug, cut at a hyphen to stay readable in URLs. */
function titleSlug(title: string): string {
  const slug = suggestSlug(shortTitle(title));
  if (slug.length <= 48) return slug;
  const cut = slug.slice(0, 48);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 48).replace(/-+$/, '');
}

/** The course skeleton's files as path → text: course.yaml, one chapter per `group` videos, a video item per video. */
export function courseSkeleton(playlist: PlaylistListing, videos: readonly { id: string; title: string }[], group = 1): Map<string, string> {
  const files = new Map<string, string>();
  const description = playlist.description
    ?.split(/\n\s*\n/)[0]
    ?.replace(/\s+/g, ' ')
    .trim();
  const course = { name: playlist.title, ...(description ? { description } : {}), isPublished: false };
  files.set(
    'course.yaml',
    `# A draft made from the YouTube playlist ${canonicalPlaylistUrl(playlist.id)}.\n# Set isPublished: true when it is ready.\n${stringify(course)}`,
  );
  const chapters: (typeof videos)[] = [];
  for (let i = 0; i < videos.length; i += group) chapters.push(videos.slice(i, i + group));
  const width = Math.max(2, String(Math.max(chapters.length, group)).length);
  const number = (n: number) => String(n).padStart(width, '0');
  chapters.forEach((members, index) => {
    const order = index + 1;
    const first = members[0];
    if (!first) return;
    const folder = group === 1 ? `${number(order)}-${titleSlug(first.title)}` : `${number(order)}-part-${order}`;
    files.set(`${folder}/chapter.yaml`, stringify({ name: group === 1 ? shortTitle(first.title) : `Part ${order}`, order }));
    members.forEach((video, position) => {
      const item = group === 1 ? `${number(1)}-lecture` : `${number(position + 1)}-${titleSlug(video.title)}`;
      files.set(`${folder}/${item}.yaml`, stringify({ type: 'video', order: position + 1, video: video.id }));
    });
  });
  return files;
}

/**
 * Adds every playable video of a playlist (titles and lengths from the playlist itself), and with a
 * course slug writes a draft course in playlist order; existing files are kept, never overwritten.
 */
export async function addPlaylist({ root, playlistId, course, group, source }: PlaylistAddRequest): Promise<PlaylistAddResult> {
  checkCourseOptions(course, group);
  if (!source)
    throw new PipelineError('YouTube is switched off (LEARNSPACE_NO_YOUTUBE): a playlist can only be read from YouTube; add its videos one by one instead');
  const playlist = await source.getPlaylist(playlistId);
  const dir = join(contentDir(root), 'videos');
  const writer = createMaterialWriter(root);
  const playable = playlist.videos.filter((v) => v.playable);
  const videos: AddedVideo[] = [];
  for (const video of playable) {
    const file = join(dir, `${video.id}.yaml`);
    const rel = relative(root, file);
    if (existsSync(file)) {
      const status = readVideoStatus(video.id, root);
      videos.push({ id: video.id, file: rel, outcome: 'exists', status: status.ok ? status.value.status : 'pending', warnings: [] });
      continue;
    }
    await writeEntry(writer, file, rel, {
      id: video.id,
      ...(video.title ? { title: video.title } : {}),
      ...(video.durationSeconds ? { durationSeconds: video.durationSeconds } : {}),
    });
    videos.push({ id: video.id, file: rel, outcome: 'added', ...(video.title ? { title: video.title } : {}), warnings: [] });
  }
  const result: PlaylistAddResult = {
    playlist: { id: playlist.id, url: canonicalPlaylistUrl(playlist.id), title: playlist.title },
    videos,
    skipped: playlist.videos.filter((v) => !v.playable).map((v) => ({ id: v.id, title: v.title })),
  };
  if (course === undefined) return result;
  if (playable.length === 0) throw new PipelineError(`playlist ${playlistId} has no video that can be played; no course written`);
  const courseDir = join(contentDir(root), 'courses', course);
  const files: CourseFile[] = [];
  for (const [name, text] of courseSkeleton(playlist, playable, group)) {
    const file = join(courseDir, name);
    const rel = relative(root, file);
    if (existsSync(file)) {
      files.push({ file: rel, outcome: 'kept' });
      continue;
    }
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomically(file, text);
    } catch (error) {
      throw new PipelineError(`cannot write ${rel} (${(error as NodeJS.ErrnoException).code})`);
    }
    files.push({ file: rel, outcome: 'written' });
  }
  return { ...result, course: { slug: course, dir: relative(root, courseDir), files } };
}

/** Prints a playlist add: the videos, the ones skipped, and the course files written or kept. */
function printPlaylist(result: PlaylistAddResult, out: (line: string) => void, err: (line: string) => void): void {
  const added = result.videos.filter((v) => v.outcome === 'added').length;
  out(
    `playlist "${result.playlist.title}" (${result.playlist.url}): ${result.videos.length} video${result.videos.length === 1 ? '' : 's'}, ${added} added, ${result.videos.length - added} already in the library`,
  );
  for (const video of result.videos)
    out(
      video.outcome === 'added'
        ? `  ${video.id}: added ${video.file}${video.title ? ` ("${video.title}")` : ''}`
        : `  ${video.id}: already in the library (${video.file}); left unchanged`,
    );
  for (const skipped of result.skipped)
    err(`videos: warning: skipped ${skipped.id} ("${skipped.title}"): YouTube lists it but it cannot be played (private or deleted)`);
  if (!result.course) {
    out('pending: run `npm run videos -- process`; add --course <slug> to make a draft course from the playlist');
    return;
  }
  const written = result.course.files.filter((f) => f.outcome === 'written');
  const kept = result.course.files.filter((f) => f.outcome === 'kept');
  out(`course ${result.course.slug}: ${written.length} file${written.length === 1 ? '' : 's'} written in ${result.course.dir}/ (a draft: isPublished: false)`);
  if (kept.length) out(`kept ${kept.length} existing file${kept.length === 1 ? '' : 's'} as they were: ${kept.map((f) => f.file).join(', ')}`);
  out('next: `npm run videos -- process`, then `npm run check`; set isPublished: true in course.yaml to publish');
}

/** Adds each video (or a playlist) and prints what happened; returns the exit code (1 when an input is not a YouTube URL or id). */
export async function runAdd({ out, err, course, group, ...request }: AddRun): Promise<number> {
  const playlistId = request.inputs.length === 1 ? parsePlaylistRef(request.inputs[0] ?? '') : undefined;
  if (playlistId) {
    if (request.title !== undefined) throw new UsageError("--title names one video; a playlist's videos take their titles from the playlist");
    printPlaylist(
      await addPlaylist({ root: request.root, playlistId, course, group, source: request.source?.getPlaylist ? (request.source as PlaylistSource) : null }),
      out,
      err,
    );
    return 0;
  }
  if (course !== undefined || group !== undefined)
    throw new UsageError(`--course makes a course from a playlist: give one playlist URL like ${canonicalPlaylistUrl('PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab')}`);
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
