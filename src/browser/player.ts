/**
 * The boundary to YouTube: a lite embed that becomes a real player on demand.
 * Until the learner plays (or seeks), the page shows only a poster button; then
 * a youtube-nocookie iframe is created and the IFrame API (window.YT) is loaded
 * to drive it. Everything else on the page talks to the player through window
 * events (SEEK_EVENT in, TIME_EVENT out), so tests can stand in a fake window.YT.
 */
import { SEEK_EVENT, TIME_EVENT, seekTargetFromUrl, type SeekDetail, type TimeDetail } from './seek-target.ts';

/** The part of YT.Player this site uses. */
export interface YouTubePlayer {
  seekTo(seconds: number, allowSeekAhead: boolean): void;
  playVideo(): void;
  getCurrentTime(): number;
  getPlayerState(): number;
  /** Seconds; 0 until the video's metadata has loaded. */
  getDuration?(): number;
}
interface YouTubeApi {
  Player: new (element: HTMLElement, options: { events?: { onReady?: () => void; onStateChange?: (event: { data: number }) => void } }) => YouTubePlayer;
}
declare global {
  interface Window {
    YT?: YouTubeApi;
    onYouTubeIframeAPIReady?: () => void;
  }
}

const API_URL = 'https://www.youtube.com/iframe_api';
const PLAYING = 1;
const POLL_MS = 500;
/** A jump bigger than this between polls is a seek, not playback. */
const MAX_PLAYBACK_STEP_S = 2;

let apiPromise: Promise<YouTubeApi> | undefined;
function loadApi(): Promise<YouTubeApi> {
  apiPromise ??= new Promise((resolve) => {
    if (window.YT?.Player) return resolve(window.YT);
    const previous = window.onYouTubeIframeAPIReady;
    window.onYouTubeIframeAPIReady = () => {
      previous?.();
      if (window.YT) resolve(window.YT);
    };
    const script = document.createElement('script');
    script.src = API_URL;
    script.async = true;
    document.head.append(script);
  });
  return apiPromise;
}

export interface WatchReport {
  /** `durationSeconds` is the player's own figure, for videos whose length the build did not know. */
  (watchedSeconds: number, durationSeconds: number): void;
}

/**
 * Turns a `[data-lite-youtube]` element into the page's player: listens for
 * seek requests, reports the current time while playing, and reports seconds
 * actually watched (time that advanced during playback, not seek jumps).
 */
export function mountPlayer(root: HTMLElement, onWatched?: WatchReport): void {
  const videoId = root.dataset.videoId!;
  const title = root.dataset.title ?? 'YouTube video';
  const button = root.querySelector<HTMLButtonElement>('button');
  let startMs = seekTargetFromUrl(location)?.ms ?? 0;
  let player: YouTubePlayer | undefined;
  let ready = false;
  let pendingMs: number | undefined;
  let lastTime: number | undefined;
  let unreported = 0;

  const flush = () => {
    if (unreported > 0 && onWatched) onWatched(unreported, player?.getDuration?.() ?? 0);
    unreported = 0;
  };

  const poll = () => {
    if (!player || !ready) return;
    const now = player.getCurrentTime();
    const playing = player.getPlayerState() === PLAYING;
    if (playing && lastTime !== undefined) {
      const step = now - lastTime;
      if (step > 0 && step <= MAX_PLAYBACK_STEP_S) unreported += step;
    }
    lastTime = playing ? now : undefined;
    if (unreported >= 15) flush();
    window.dispatchEvent(new CustomEvent<TimeDetail>(TIME_EVENT, { detail: { ms: Math.round(now * 1000), playing } }));
  };

  const activate = () => {
    if (root.dataset.state !== 'poster') return;
    // Offline the embed would show a broken frame; the page's offline note says why nothing plays.
    if (!navigator.onLine || root.dataset.connection === 'offline') return;
    root.dataset.state = 'loading';
    const iframe = document.createElement('iframe');
    const params = new URLSearchParams({ autoplay: '1', enablejsapi: '1', rel: '0', playsinline: '1', origin: location.origin });
    if (startMs > 0) params.set('start', String(Math.floor(startMs / 1000)));
    iframe.src = `https://www.youtube-nocookie.com/embed/${encodeURIComponent(videoId)}?${params}`;
    iframe.title = title;
    iframe.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = 'strict-origin-when-cross-origin';
    button?.replaceWith(iframe);
    void loadApi().then((YT) => {
      player = new YT.Player(iframe, {
        events: {
          onReady: () => {
            ready = true;
            root.dataset.state = 'ready';
            if (pendingMs !== undefined) seek(pendingMs);
            pendingMs = undefined;
          },
          onStateChange: (event) => {
            if (event.data !== PLAYING) flush();
            poll();
          },
        },
      });
      window.setInterval(poll, POLL_MS);
    });
  };

  const seek = (ms: number) => {
    if (player && ready) {
      lastTime = undefined;
      player.seekTo(ms / 1000, true);
      player.playVideo();
    } else {
      pendingMs = ms;
      startMs = ms;
      activate();
    }
    const box = root.getBoundingClientRect();
    if (box.bottom < 0 || box.top > innerHeight) root.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    window.dispatchEvent(new CustomEvent<TimeDetail>(TIME_EVENT, { detail: { ms, playing: false } }));
  };

  button?.addEventListener('click', activate);
  window.addEventListener(SEEK_EVENT, (event) => seek((event as CustomEvent<SeekDetail>).detail.ms));
  // Timestamp links (`?t=` hrefs that work without JS) seek in place when the player script runs.
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-seek-ms]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    seek(Number(link.dataset.seekMs));
  });
  addEventListener('pagehide', flush);
}

/** Marks and scrolls to the transcript line a URL points at (search hits, shared links). */
export function revealInitialMoment(): void {
  const target = seekTargetFromUrl(location);
  if (!target) return;
  // The island's buttons, or the server's plain lines (`<li><span id="l-<ms>">`) before it has hydrated.
  const lines = [...document.querySelectorAll<HTMLElement>('[data-start-ms], [data-block-ms] li:not(:has(button))')];
  const startOf = (l: HTMLElement) => Number(l.dataset.startMs ?? l.querySelector('[id^="l-"]')?.id.slice(2));
  const line = lines.filter((l) => startOf(l) <= target.ms).at(-1) ?? lines[0];
  if (!line) return;
  line.classList.add('is-target');
  if (target.from === 'transcript') line.scrollIntoView({ block: 'center', behavior: 'instant' });
  else {
    const panel = line.closest<HTMLElement>('[data-transcript-scroll]');
    if (panel) panel.scrollTop += line.getBoundingClientRect().top - panel.getBoundingClientRect().top - panel.clientHeight / 3;
  }
}
