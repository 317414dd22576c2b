/**
 * The video library's API: list, add by URL (the same code as `npm run videos -- add`, playlists and
 * their draft course included), process and retry (the real pipeline under the CLI's run lock), edit
 * title and chapters, attach captions, and the live event stream.
 */
import { addPlaylist, addVideos, checkCourseOptions } from '../../scripts/commands/add.ts';
import { UsageError } from '../../scripts/commands/process.ts';
import { ConfigError, resolveConfig } from '../../scripts/pipeline/config.ts';
import { configuredYouTubeSource } from '../../scripts/pipeline/lazy-adapters.ts';
import { PipelineError, type PlaylistSource, type VideoSource } from '../../scripts/pipeline/adapters.ts';
import { canonicalPlaylistUrl, parsePlaylistRef } from '../../scripts/pipeline/youtube-url.ts';
import { redactorFromEnv } from '../lib/redact.ts';
import { StudioRefusal } from './guard.ts';
import { streamEvents, type StudioEventHub } from './events.ts';
import { createPipelineRunner } from './pipeline-run.ts';
import { attachCaptions, listLibrary, updateVideoEntry } from './video-library.ts';
import type { StudioContext, StudioRoute } from './http.ts';

/** The pipeline's settings, with a broken config file said plainly. */
function pipelineConfig(projectRoot: string) {
  try {
    return resolveConfig(projectRoot);
  } catch (error) {
    if (error instanceof ConfigError) throw new StudioRefusal(400, error.message);
    throw error;
  }
}

/** Redacts the configured key and endpoint credentials as the CLI does. */
function configuredRedactor(projectRoot: string): (text: string) => string {
  try {
    const config = resolveConfig(projectRoot);
    return redactorFromEnv(process.env, { root: projectRoot, secrets: [config.apiKey], urls: [config.notes.baseURL, config.quiz.baseURL] });
  } catch {
    return redactorFromEnv(process.env, { root: projectRoot });
  }
}

const field = (body: unknown, name: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined);

export interface VideoRouteOptions {
  /** The YouTube source to use instead of the configured one (tests pass youtubei.js with recorded answers). */
  youtube?: VideoSource & PlaylistSource;
}

/** A CLI usage message as the form's field says it: `--course: ...` → `Course slug: ...`. */
function formMessage(error: UsageError): StudioRefusal {
  const fields: [RegExp, string, string][] = [
    [/^--course/, 'Course slug', 'course'],
    [/^--group/, 'Videos per chapter', 'group'],
    [/^--title/, 'Title', 'title'],
  ];
  const match = fields.find(([pattern]) => pattern.test(error.message));
  return match ? new StudioRefusal(400, error.message.replace(match[0], match[1]), match[2]) : new StudioRefusal(400, error.message);
}

export function videoRoutes(context: StudioContext, hub: StudioEventHub, options: VideoRouteOptions = {}): StudioRoute[] {
  const { projectRoot } = context;
  const runner = createPipelineRunner({ projectRoot, hub, redact: configuredRedactor(projectRoot) });
  const accepted = (ids: string[]) => ({ status: 202, body: { running: ids } });
  return [
    { method: 'GET', pattern: 'events', handle: async (_request, _context, response) => (streamEvents(hub, response), 'streamed') },
    {
      method: 'GET',
      pattern: 'videos',
      handle: async () => ({ status: 200, body: { ...listLibrary(context, configuredRedactor(projectRoot)), running: runner.running() ?? null } }),
    },
    {
      method: 'POST',
      pattern: 'videos',
      async handle(request) {
        const url = field(request.body, 'url');
        const title = field(request.body, 'title');
        const courseField = field(request.body, 'course');
        const groupField = field(request.body, 'group');
        if (typeof url !== 'string' || url.trim() === '')
          throw new StudioRefusal(400, 'YouTube URL: paste a YouTube link (watch, youtu.be, shorts, live, a playlist) or an 11-character video id', 'url');
        if (title !== undefined && typeof title !== 'string') throw new StudioRefusal(400, 'Title: expected text', 'title');
        if (courseField !== undefined && typeof courseField !== 'string') throw new StudioRefusal(400, 'Course slug: expected text', 'course');
        const course = courseField?.trim() || undefined;
        const group = groupField === undefined || groupField === '' || groupField === null ? undefined : Number(groupField);
        const config = pipelineConfig(projectRoot);
        const source = options.youtube ?? configuredYouTubeSource(config);
        const playlistId = parsePlaylistRef(url);
        try {
          if (playlistId) {
            if (typeof title === 'string' && title.trim())
              throw new StudioRefusal(400, "Title: a playlist's videos take their titles from the playlist; leave Title empty", 'title');
            checkCourseOptions(course, group);
            const result = await addPlaylist({ root: projectRoot, playlistId, course, group, source });
            hub.publish({ type: 'library' });
            return { status: 200, body: result };
          }
          if (course !== undefined)
            throw new StudioRefusal(
              400,
              `Course slug: a course is made from a playlist; paste a playlist URL like ${canonicalPlaylistUrl('PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab')}, or leave Course slug empty`,
              'course',
            );
          const result = await addVideos({
            root: projectRoot,
            inputs: [url],
            title: title?.trim() ? title : undefined,
            source,
            captionLanguages: config.captionLanguages,
          });
          const invalid = result.invalid[0];
          if (invalid) throw new StudioRefusal(400, `YouTube URL: ${invalid.error}`, 'url');
          hub.publish({ type: 'library' });
          return { status: 200, body: { videos: result.videos } };
        } catch (error) {
          if (error instanceof UsageError) throw formMessage(error);
          if (error instanceof PipelineError) throw new StudioRefusal(500, error.message);
          throw error;
        }
      },
    },
    { method: 'POST', pattern: 'process', handle: async () => accepted((await runner.start({ ids: [], retry: false })).ids) },
    {
      method: 'POST',
      pattern: 'videos/:id/process',
      handle: async (request) => accepted((await runner.start({ ids: [request.params.id ?? ''], retry: false })).ids),
    },
    {
      method: 'POST',
      pattern: 'videos/:id/retry',
      handle: async (request) => accepted((await runner.start({ ids: [request.params.id ?? ''], retry: true })).ids),
    },
    {
      method: 'PUT',
      pattern: 'videos/:id',
      async handle(request) {
        const saved = await updateVideoEntry(context, request.params.id ?? '', request.body);
        hub.publish({ type: 'library' });
        return { status: 200, body: saved };
      },
    },
    {
      method: 'POST',
      pattern: 'videos/:id/captions',
      async handle(request) {
        const saved = await attachCaptions(context, request.params.id ?? '', request.body);
        hub.publish({ type: 'library' });
        return { status: 200, body: saved };
      },
    },
  ];
}
