/**
 * Turns whatever an instructor pastes (any YouTube URL form or a bare id)
 * into a video id, or says why it cannot.
 */

const ID = /^[A-Za-z0-9_-]{11}$/;
const HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com']);
const PATH_FORMS = ['shorts', 'embed', 'live', 'v', 'e'];

export type ParsedVideoRef = { ok: true; id: string } | { ok: false; error: string };

/** The canonical watch URL stored in a library entry. */
export const canonicalUrl = (id: string) => `https://www.youtube.com/watch?v=${id}`;

/** Extracts the 11-character id from a YouTube URL (watch, youtu.be, shorts, embed, live, m., music.) or a bare id. */
export function parseYoutubeRef(input: string): ParsedVideoRef {
  const raw = input.trim();
  if (ID.test(raw)) return { ok: true, id: raw };
  const reject = (why: string): ParsedVideoRef => ({
    ok: false,
    error: `"${raw}" ${why}: expected a YouTube URL like https://www.youtube.com/watch?v=aircAruvnKk or an 11-character id`,
  });
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return reject('is not a URL or video id');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return reject('is not a web URL');
  const host = url.hostname.toLowerCase();
  let candidate: string | undefined;
  if (host === 'youtu.be') {
    candidate = url.pathname.split('/')[1];
  } else if (HOSTS.has(host)) {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'watch') candidate = url.searchParams.get('v') ?? undefined;
    else if (parts[0] && PATH_FORMS.includes(parts[0])) candidate = parts[1];
    else if (parts.length === 0 && url.searchParams.has('v')) candidate = url.searchParams.get('v') ?? undefined;
    else return reject('is a YouTube page but not a single video');
  } else {
    return reject(`is not on YouTube (host ${host})`);
  }
  if (candidate && ID.test(candidate)) return { ok: true, id: candidate };
  return reject('has no valid video id');
}

const PLAYLIST_ID = /^(?:PL|OLAK5uy_|UU|FL)[A-Za-z0-9_-]{10,64}$/;

/** The canonical address of a playlist, as written in messages and course files. */
export const canonicalPlaylistUrl = (id: string) => `https://www.youtube.com/playlist?list=${id}`;

/**
 * The playlist id of a `youtube.com/playlist?list=` URL or a bare playlist id (PL...), else undefined.
 * A watch URL that carries `list=` names the video being watched, so it stays a video.
 */
export function parsePlaylistRef(input: string): string | undefined {
  const raw = input.trim();
  if (PLAYLIST_ID.test(raw)) return raw;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return undefined;
  }
  if (!HOSTS.has(url.hostname.toLowerCase()) || url.pathname.replace(/\/+$/, '') !== '/playlist') return undefined;
  const list = url.searchParams.get('list') ?? '';
  return PLAYLIST_ID.test(list) ? list : undefined;
}
