/**
 * The configured generator and YouTube source, with their SDKs (openai,
 * youtubei.js, wink-nlp's English model) imported on first use: a run with
 * nothing to do, such as every build's prebuild on a processed library, never
 * pays the second or so it takes to load them.
 */
import { OFFLINE_MODEL, openAIModelName, type PipelineConfig } from './config.ts';
import type { OfflineGeneratorOptions } from './offline-provider.ts';
import type { NotesAndQuizGenerator, PlaylistSource, VideoSource } from './adapters.ts';

/** Loads a module-backed value once, on the first call, and shares the promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** The OpenAI-compatible generator when configured, else the offline one (weighing terms against `offline.libraryDir`); either loaded on the first call. */
export function configuredGenerator(config: PipelineConfig, offline: OfflineGeneratorOptions = {}): NotesAndQuizGenerator {
  if (config.provider === 'offline') {
    const generator = once(async () => (await import('./offline-provider.ts')).createOfflineGenerator(offline));
    return {
      provider: 'offline',
      model: OFFLINE_MODEL,
      generateNotes: async (input) => (await generator()).generateNotes(input),
      generateQuiz: async (input) => (await generator()).generateQuiz(input),
    };
  }
  const generator = once(async () => (await import('./openai-provider.ts')).createOpenAIGenerator(config));
  return {
    provider: 'openai',
    model: openAIModelName(config),
    generateNotes: async (input) => (await generator()).generateNotes(input),
    generateQuiz: async (input) => (await generator()).generateQuiz(input),
  };
}

/** The YouTube source (youtubei.js loaded on the first call), or null when YouTube is switched off. */
export function configuredYouTubeSource(config: PipelineConfig): (VideoSource & PlaylistSource) | null {
  if (config.noYoutube) return null;
  const source = once(async () => (await import('./youtube.ts')).createYouTubeSource({ timeoutMs: Math.min(config.timeoutMs, 30_000) }));
  return {
    getMetadata: async (id) => (await source()).getMetadata(id),
    getListing: async (id, languages) => (await source()).getListing(id, languages),
    getVideo: async (id, languages) => (await source()).getVideo(id, languages),
    getPlaylist: async (id) => (await source()).getPlaylist(id),
  };
}
