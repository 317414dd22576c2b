/**
 * The video library's API: list, add by URL (the same code as `npm run videos -- add`), process
 * and retry (the real pipeline under the CLI's run lock), edit title and chapters, attach captions,
 * and the live event stream.
 */
import { addVideos } from '../../scripts/lib/add-command.ts';
import { UsageError } from '../../scripts/lib/process-command.ts';
import { ConfigError, resolveConfig } from '../../scripts/pipeline/config.ts';
import { configuredYouTubeSource } from '../../scripts/pipeline/lazy-adapters.ts';
import { PipelineError } from '../../scripts/pipeline/adapters.ts';
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

export function videoRoutes(context: StudioContext, hub: StudioEventHub): StudioRoute[] {
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
        if (typeof url !== 'string' || url.trim() === '') throw new StudioRefusal(400, 'YouTube URL: paste a YouTube link (watch, youtu.be, shorts, live) or an 11-character video id', 'url');
        if (title !== undefined && typeof title !== 'string') throw new StudioRefusal(400, 'Title: expected text', 'title');
        const config = pipelineConfig(projectRoot);
        try {
          const result = await addVideos({ root: projectRoot, inputs: [url], title: title?.trim() ? title : undefined, source: configuredYouTubeSource(config), captionLanguages: config.captionLanguages });
          const invalid = result.invalid[0];
          if (invalid) throw new StudioRefusal(400, `YouTube URL: ${invalid.error}`, 'url');
          hub.publish({ type: 'library' });
          return { status: 200, body: { videos: result.videos } };
        } catch (error) {
          if (error instanceof UsageError) throw new StudioRefusal(400, error.message.replace(/^--title/, 'Title'), 'title');
          if (error instanceof PipelineError) throw new StudioRefusal(500, error.message);
          throw error;
        }
      },
    },
    { method: 'POST', pattern: 'process', handle: async () => accepted((await runner.start({ ids: [], retry: false })).ids) },
    { method: 'POST', pattern: 'videos/:id/process', handle: async (request) => accepted((await runner.start({ ids: [request.params.id ?? ''], retry: false })).ids) },
    { method: 'POST', pattern: 'videos/:id/retry', handle: async (request) => accepted((await runner.start({ ids: [request.params.id ?? ''], retry: true })).ids) },
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
