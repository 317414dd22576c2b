/**
 * The YouTube adapter: metadata and transcripts through youtubei.js (the
 * InnerTube API YouTube's own web client uses), with an injectable fetch so
 * tests replay recorded responses and the run can bound every request.
 */
import { Innertube, Log, ClientType } from 'youtubei.js';
import type { VideoMeta } from '../../src/lib/schema.ts';
import { PipelineError, type FetchedTranscript, type VideoSource } from './adapters.ts';

type Fetch = typeof globalThis.fetch;

export interface YouTubeOptions {
  fetch?: Fetch;
  /** Per request. */
  timeoutMs?: number;
  /** UI language for InnerTube (affects track names like "English (auto-generated)"). */
  lang?: string;
}

interface CaptionTrack {
  name: string;
  languageCode: string;
  kind?: string;
}

/** Bounds each request with a timeout while keeping any signal the caller passed. */
function withTimeout(fetchImpl: Fetch, timeoutMs: number): Fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetchImpl(input, { ...init, signal });
  };
}

/**
 * Picks the caption track for the first preferred language that has one:
 * a manual track beats an auto-generated one; a regional variant (en-GB)
 * matches its base language (en).
 */
export function pickCaptionTrack(tracks: readonly CaptionTrack[], languages: readonly string[]): CaptionTrack | undefined {
  const base = (code: string) => code.toLowerCase().split('-')[0]!;
  for (const wanted of languages) {
    const matching = tracks.filter((t) => t.languageCode.toLowerCase() === wanted.toLowerCase() || base(t.languageCode) === base(wanted));
    const best = matching.find((t) => t.kind !== 'asr') ?? matching[0];
    if (best) return best;
  }
  return undefined;
}

const describe = (error: unknown) => {
  const e = error as Error & { cause?: unknown };
  if (e.name === 'TimeoutError' || (e.cause as Error | undefined)?.name === 'TimeoutError') return 'timed out';
  const cause = e.cause as (Error & { code?: string }) | undefined;
  const detail = cause?.code ?? cause?.message;
  return `${e.message.split('\n')[0]!.slice(0, 200)}${detail && !e.message.includes(detail) ? `: ${detail}` : ''}`;
};

/** A VideoSource backed by youtubei.js; one Innertube session is created lazily and shared. */
export function createYouTubeSource(options: YouTubeOptions = {}): VideoSource {
  Log.setLevel(Log.Level.NONE);
  const fetchImpl = withTimeout(options.fetch ?? globalThis.fetch, options.timeoutMs ?? 30_000);
  let session: Promise<Innertube> | undefined;
  const innertube = () =>
    (session ??= Innertube.create({
      fetch: fetchImpl,
      // No player script, no session round trip: metadata and transcripts need neither.
      retrieve_player: false,
      generate_session_locally: true,
      retrieve_innertube_config: false,
      enable_session_cache: false,
      lang: options.lang ?? 'en',
      location: 'US',
      client_type: ClientType.WEB,
    }));

  async function getInfo(id: string) {
    try {
      return await (await innertube()).getInfo(id);
    } catch (error) {
      throw new PipelineError(`cannot get video info from YouTube (${describe(error)}); check the id, your network, or commit a caption file content/videos/${id}.vtt`);
    }
  }

  function metaOf(info: Awaited<ReturnType<typeof getInfo>>): VideoMeta {
    const basic = info.basic_info;
    const microformat = info.page[0].microformat as { publish_date?: string } | undefined;
    const thumbnails = [...(basic.thumbnail ?? [])].sort((a, b) => b.width - a.width);
    return {
      title: basic.title ?? '',
      channel: basic.author ?? '',
      durationSeconds: basic.duration ?? 0,
      publishedAt: microformat?.publish_date || undefined,
      thumbnailUrl: thumbnails[0]?.url,
    };
  }

  return {
    async getMetadata(id) {
      return metaOf(await getInfo(id));
    },
    async getVideo(id, languages) {
      const info = await getInfo(id);
      const meta = metaOf(info);
      const tracks: CaptionTrack[] = (info.captions?.caption_tracks ?? []).map((t) => ({ name: t.name.toString(), languageCode: t.language_code, kind: t.kind }));
      const track = pickCaptionTrack(tracks, languages);
      const tried = languages.join(', ');
      if (!track) {
        const available = tracks.length ? `; the video has captions in ${[...new Set(tracks.map((t) => t.languageCode))].join(', ')} (add one to the entry's languages or LEARNSPACE_CAPTION_LANGUAGES)` : '';
        throw new PipelineError(`no captions in ${tried}${available}; commit content/videos/${id}.vtt (or .srt/.txt) with the transcript`);
      }
      let transcript: FetchedTranscript;
      try {
        let page = await info.getTranscript();
        if (page.selectedLanguage !== track.name) {
          if (!page.languages.includes(track.name)) throw new Error(`the transcript panel has no "${track.name}" (it offers ${page.languages.join(', ') || 'none'})`);
          page = await page.selectLanguage(track.name);
        }
        const segments = (page.transcript.content?.body?.initial_segments ?? []).flatMap((s) =>
          s.type === 'TranscriptSegment' && 'snippet' in s
            ? [{ startMs: Number(s.start_ms), endMs: Number(s.end_ms), text: s.snippet.toString().replace(/\s+/g, ' ').trim() }]
            : [],
        );
        transcript = { language: track.languageCode, segments: segments.filter((s) => s.text && Number.isFinite(s.startMs) && Number.isFinite(s.endMs)) };
      } catch (error) {
        throw new PipelineError(`cannot get the ${track.languageCode} transcript from YouTube (${describe(error)}); commit content/videos/${id}.vtt (or .srt/.txt) with the transcript`);
      }
      if (transcript.segments.length === 0) throw new PipelineError(`the ${track.languageCode} transcript on YouTube is empty; commit content/videos/${id}.vtt with the transcript`);
      return { meta, transcript };
    },
  };
}
