/**
 * The YouTube adapter: metadata and transcripts through youtubei.js (the
 * InnerTube API YouTube's own web client uses), with an injectable fetch so
 * tests replay recorded responses and the run can bound every request.
 */
import { Innertube, Log, ClientType, YTNodes } from 'youtubei.js';
import type { VideoChapter, VideoMeta } from '../../src/lib/schema.ts';
import { PipelineError, type FetchedTranscript, type PlaylistSource, type PlaylistVideoListing, type VideoSource } from './adapters.ts';

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
  kind?: string | undefined;
}

/** YouTube answered HTTP 429: it is rate limiting this network. */
export class YouTubeRateLimitError extends Error {
  override name = 'YouTubeRateLimitError';
}

/** Bounds each request with a timeout while keeping any signal the caller passed; a 429 becomes a typed error. */
function withTimeout(fetchImpl: Fetch, timeoutMs: number): Fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const response = await fetchImpl(input, { ...init, signal });
    if (response.status === 429) throw new YouTubeRateLimitError('YouTube answered HTTP 429 (too many requests)');
    return response;
  };
}

const TIMESTAMP_LINE = /^\s*[([]?((?:\d{1,2}:)?\d{1,2}:\d{2})[)\]]?\s*(?:[-–—:|•]\s*)?(.+?)\s*$/;

/**
 * Creator chapters from a description's `0:00 Title` lines, by YouTube's own rule: the first
 * starts at 0:00, there are at least three, and they go forward in time. Anything else is no chapters.
 */
export function chaptersFromDescription(description: string | undefined): VideoChapter[] {
  const chapters: VideoChapter[] = [];
  for (const line of (description ?? '').split(/\r?\n/)) {
    const match = TIMESTAMP_LINE.exec(line);
    if (!match) continue;
    const parts = match[1]!.split(':').map(Number);
    const seconds = parts.reduce((total, part) => total * 60 + part, 0);
    const title = match[2]!.trim();
    if (!title) continue;
    chapters.push({ title, startMs: seconds * 1000 });
  }
  const ordered = chapters.every((c, i) => i === 0 || c.startMs > chapters[i - 1]!.startMs);
  return chapters.length >= 3 && chapters[0]!.startMs === 0 && ordered ? chapters : [];
}

interface Playability {
  status?: string;
  reason?: string;
}

/**
 * Turns a player answer that is not playable into its own message: a scheduled live stream,
 * an age-restricted video, YouTube's bot check, or an unavailable video. Undefined when playable.
 */
export function playabilityProblem(id: string, playability: Playability | undefined, upcoming: boolean): string | undefined {
  const status = playability?.status ?? 'OK';
  const reason = (playability?.reason ?? '').replace(/\s+/g, ' ').trim();
  const captionFile = `commit content/videos/${id}.vtt (or .srt/.txt) with the transcript`;
  if (upcoming || status === 'LIVE_STREAM_OFFLINE')
    return `${id} is a scheduled live stream that has not aired yet${reason ? ` (YouTube: "${reason}")` : ''}; process it after the broadcast, when YouTube has its recording and captions, or ${captionFile}`;
  if (/not a bot/i.test(reason))
    return `YouTube asked to confirm this is not a bot ("${reason}") and gave no video data: it blocks automated requests from this network; try again later or from another network, or ${captionFile}`;
  if (status === 'AGE_CHECK_REQUIRED' || status === 'CONTENT_CHECK_REQUIRED' || /\bage\b|inappropriate/i.test(reason))
    return `${id} is age-restricted on YouTube ("${reason || status}"): its captions are only given to signed-in adults; ${captionFile}`;
  if (status === 'LOGIN_REQUIRED') return `YouTube requires signing in to see ${id} ("${reason || status}"), for example a private video; ${captionFile}`;
  if (status !== 'OK') return `${id} is not available on YouTube (${status}${reason ? `: "${reason}"` : ''}); check the id, or ${captionFile}`;
  return undefined;
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

/** YouTube sends a playlist 100 videos a page; this bounds a runaway continuation chain (5,000 videos). */
const MAX_PLAYLIST_PAGES = 50;

const isRateLimit = (error: unknown) => error instanceof YouTubeRateLimitError || (error as Error & { cause?: unknown }).cause instanceof YouTubeRateLimitError;

/** A VideoSource (and playlist source) backed by youtubei.js; one Innertube session is created lazily and shared. */
export function createYouTubeSource(options: YouTubeOptions = {}): VideoSource & PlaylistSource {
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

  /** The video's info; a rate limit, a bot check or an unplayable video is a PipelineError saying which. */
  async function getInfo(id: string) {
    let info;
    try {
      info = await (await innertube()).getInfo(id);
    } catch (error) {
      if (isRateLimit(error))
        throw new PipelineError(
          `YouTube is rate limiting requests from this network (HTTP 429 Too Many Requests); wait an hour before \`npm run videos -- retry\`, and commit caption files (content/videos/${id}.vtt) so builds do not need YouTube`,
        );
      throw new PipelineError(
        `cannot get video info from YouTube (${describe(error)}); check the id, your network, or commit a caption file content/videos/${id}.vtt`,
      );
    }
    const problem = playabilityProblem(id, info.playability_status, Boolean(info.basic_info.is_upcoming));
    if (problem) throw new PipelineError(problem);
    return info;
  }

  function chaptersOf(info: Awaited<ReturnType<typeof getInfo>>): VideoChapter[] {
    const markers = info.player_overlays?.decorated_player_bar?.player_bar?.markers_map ?? [];
    const marked = markers
      .flatMap((m) => m.value.chapters ?? [])
      .map((c) => ({ title: c.title.toString().trim(), startMs: Math.max(0, Math.round(Number(c.time_range_start_millis))) }))
      .filter((c) => c.title && Number.isFinite(c.startMs));
    return marked.length ? marked : chaptersFromDescription(info.basic_info.short_description);
  }

  function metaOf(info: Awaited<ReturnType<typeof getInfo>>): VideoMeta {
    const basic = info.basic_info;
    const microformat = info.page[0].microformat as { publish_date?: string } | undefined;
    const thumbnails = [...(basic.thumbnail ?? [])].sort((a, b) => b.width - a.width);
    const chapters = chaptersOf(info);
    return {
      title: basic.title ?? '',
      channel: basic.author ?? '',
      durationSeconds: basic.duration ?? 0,
      publishedAt: microformat?.publish_date || undefined,
      thumbnailUrl: thumbnails[0]?.url,
      ...(chapters.length ? { chapters } : {}),
    };
  }

  const tracksOf = (info: Awaited<ReturnType<typeof getInfo>>): CaptionTrack[] =>
    (info.captions?.caption_tracks ?? []).map((t) => ({ name: t.name.toString(), languageCode: t.language_code, kind: t.kind }));

  return {
    async getPlaylist(id) {
      const rateLimited = `YouTube is rate limiting requests from this network (HTTP 429 Too Many Requests); wait an hour and add the playlist again`;
      let page;
      try {
        page = await (await innertube()).getPlaylist(id);
      } catch (error) {
        if (isRateLimit(error)) throw new PipelineError(rateLimited);
        throw new PipelineError(`cannot get playlist ${id} from YouTube (${describe(error)}); check the link, and that the playlist is public or unlisted`);
      }
      const info = page.info;
      const videos: PlaylistVideoListing[] = [];
      for (let pages = 1; ; pages++) {
        for (const item of page.items) {
          if (!item.is(YTNodes.PlaylistVideo) || videos.some((v) => v.id === item.id)) continue;
          const seconds = item.duration.seconds;
          videos.push({
            id: item.id,
            title: item.title.toString().trim(),
            ...(Number.isFinite(seconds) && seconds > 0 ? { durationSeconds: seconds } : {}),
            playable: item.is_playable !== false,
          });
        }
        if (!page.has_continuation || pages >= MAX_PLAYLIST_PAGES) break;
        try {
          page = await page.getContinuation();
        } catch (error) {
          if (isRateLimit(error)) throw new PipelineError(rateLimited);
          throw new PipelineError(`YouTube stopped answering after ${videos.length} videos of playlist ${id} (${describe(error)}); try again`);
        }
      }
      const description = info.description?.trim();
      return { id, title: info.title?.trim() || id, ...(description ? { description } : {}), videos };
    },
    async getMetadata(id) {
      return metaOf(await getInfo(id));
    },
    async getListing(id, languages) {
      const info = await getInfo(id);
      const tracks = tracksOf(info);
      const track = pickCaptionTrack(tracks, languages) ?? tracks.find((t) => t.kind !== 'asr') ?? tracks[0];
      return { meta: metaOf(info), captionLanguage: track?.languageCode };
    },
    async getVideo(id, languages) {
      const info = await getInfo(id);
      const meta = metaOf(info);
      const tracks = tracksOf(info);
      const track = pickCaptionTrack(tracks, languages);
      const tried = languages.join(', ');
      if (!track) {
        const available = tracks.length
          ? `; the video has captions in ${[...new Set(tracks.map((t) => t.languageCode))].join(', ')} (add one to the entry's languages or LEARNSPACE_CAPTION_LANGUAGES)`
          : '';
        throw new PipelineError(`no captions in ${tried}${available}; commit content/videos/${id}.vtt (or .srt/.txt) with the transcript`);
      }
      let transcript: FetchedTranscript;
      try {
        let page = await info.getTranscript();
        if (page.selectedLanguage !== track.name) {
          if (!page.languages.includes(track.name))
            throw new Error(`the transcript panel has no "${track.name}" (it offers ${page.languages.join(', ') || 'none'})`);
          page = await page.selectLanguage(track.name);
        }
        const segments = (page.transcript.content?.body?.initial_segments ?? []).flatMap((s) =>
          s.type === 'TranscriptSegment' && 'snippet' in s
            ? [{ startMs: Number(s.start_ms), endMs: Number(s.end_ms), text: s.snippet.toString().replace(/\s+/g, ' ').trim() }]
            : [],
        );
        transcript = { language: track.languageCode, segments: segments.filter((s) => s.text && Number.isFinite(s.startMs) && Number.isFinite(s.endMs)) };
      } catch (error) {
        throw new PipelineError(
          `cannot get the ${track.languageCode} transcript from YouTube (${describe(error)}); commit content/videos/${id}.vtt (or .srt/.txt) with the transcript`,
        );
      }
      if (transcript.segments.length === 0)
        throw new PipelineError(`the ${track.languageCode} transcript on YouTube is empty; commit content/videos/${id}.vtt with the transcript`);
      return { meta, transcript };
    },
  };
}
