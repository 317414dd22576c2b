/**
 * Reads the moment a page was opened at, so search hits and shared links land
 * there: `?t=<seconds>` or a `#t-<seconds>` (transcript) / `#n-<seconds>` (notes) hash.
 * Tiny and dependency-free: both the player script and the transcript island import it.
 */
export interface SeekTarget {
  ms: number;
  /** Where the URL pointed: the transcript (`?t=`, `#t-`) or a notes section (`#n-`). */
  from: 'transcript' | 'notes';
}

export function seekTargetFromUrl(url: { search: string; hash: string }): SeekTarget | null {
  const t = new URLSearchParams(url.search).get('t');
  if (t !== null && /^\d+(\.\d+)?s?$/.test(t)) return { ms: Math.round(parseFloat(t) * 1000), from: 'transcript' };
  const hash = /^#([tn])-(\d+)$/.exec(url.hash);
  if (hash) return { ms: Number(hash[2]) * 1000, from: hash[1] === 'n' ? 'notes' : 'transcript' };
  return null;
}

/** The events the video page uses to talk between the player adapter, transcript and quiz. */
export const SEEK_EVENT = 'learnspace:seek';
export const TIME_EVENT = 'learnspace:time';
export type SeekDetail = { ms: number };
export type TimeDetail = { ms: number; playing: boolean };

/** Asks the page's player to jump to a moment (the player adapter listens). */
export function requestSeek(ms: number): void {
  window.dispatchEvent(new CustomEvent<SeekDetail>(SEEK_EVENT, { detail: { ms } }));
}
