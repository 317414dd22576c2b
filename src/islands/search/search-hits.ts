/**
 * Turns Pagefind's raw page fragments into what a learner sees in a result:
 * title, type, course, chapter, thumbnail and the matching sections, where a
 * match inside a transcript block (`#t-<seconds>`) or a timestamped notes
 * section (`#n-<seconds>`) becomes a link to that moment of the video.
 */
import type { PagefindAnchor, PagefindFragment, PagefindSubResult } from './pagefind-api.ts';

/** One matching region of a page; `seconds` is set when it is a moment in a video. */
export interface HitSection {
  title: string;
  url: string;
  excerpt: string;
  seconds?: number;
  /** "12:34" for moments. */
  timestamp?: string;
  kind: 'transcript' | 'notes' | 'text';
}

export interface SearchHit {
  id: string;
  /** Where the result's main link goes: its best matching section, or the page. */
  url: string;
  title: string;
  type?: string;
  courses: string[];
  chapter?: string;
  image?: string;
  excerpt: string;
  sections: HitSection[];
}

/** Sections shown under one result; Pagefind's own UI shows three too. */
const MAX_SECTIONS = 3;

const momentId = /^([tn])-(\d+)$/;

/** "12:34" or "1:02:03". */
export function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Reads `t-754` / `n-754` anchors: transcript block or notes section starting at 754 s. */
export function parseMomentId(id: string): { kind: 'transcript' | 'notes'; seconds: number } | undefined {
  const match = momentId.exec(id);
  if (!match) return undefined;
  return { kind: match[1] === 't' ? 'transcript' : 'notes', seconds: Number(match[2]) };
}

/** The video page starts at `?t=` and scrolls to and highlights the `#t-`/`#n-` target. */
export function momentUrl(pageUrl: string, seconds: number, anchorId: string): string {
  const [path = pageUrl] = pageUrl.split('#');
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}t=${seconds}#${anchorId}`;
}

/**
 * The finest anchor at or before the first match inside a section. Transcript
 * lines may carry their own `t-<seconds>` ids, so a match deep in a minute-long
 * block lands on its own line rather than on the block's first line.
 */
function nearestAnchor(sub: PagefindSubResult, anchors: PagefindAnchor[]): PagefindAnchor | undefined {
  const start = sub.anchor;
  if (!start) return undefined;
  const firstMatch = Math.min(...sub.locations);
  if (!Number.isFinite(firstMatch)) return start;
  let best = start;
  for (const anchor of anchors) {
    if (anchor.location < start.location || anchor.location > firstMatch) continue;
    if (anchor.location >= best.location && parseMomentId(anchor.id)?.kind === parseMomentId(start.id)?.kind) best = anchor;
  }
  return best;
}

function sectionScore(sub: PagefindSubResult): number {
  return sub.weighted_locations.reduce((sum, w) => sum + w.balanced_score, 0);
}

/** One section of a hit, with a timestamp link when it sits in a transcript or timestamped notes. */
export function toSection(fragment: PagefindFragment, sub: PagefindSubResult): HitSection {
  const anchor = nearestAnchor(sub, fragment.anchors);
  const moment = anchor ? parseMomentId(anchor.id) : undefined;
  if (!anchor || !moment) return { title: sub.title, url: sub.url, excerpt: sub.excerpt, kind: 'text' };
  return {
    title: sub.title,
    url: momentUrl(fragment.url, moment.seconds, anchor.id),
    excerpt: sub.excerpt,
    seconds: moment.seconds,
    timestamp: formatSeconds(moment.seconds),
    kind: moment.kind,
  };
}

/** The learner-facing result for one page fragment. */
export function toSearchHit(id: string, fragment: PagefindFragment): SearchHit {
  const ranked = fragment.sub_results
    .filter((sub) => sub.locations.length > 0)
    .sort((a, b) => sectionScore(b) - sectionScore(a))
    .slice(0, MAX_SECTIONS)
    .map((sub) => toSection(fragment, sub));
  const best = ranked[0];
  // The page's own intro section repeats the result itself, so only deeper sections are listed.
  const sections = ranked.filter((s) => s.url !== fragment.url);
  const courses = fragment.filters.course ?? (fragment.meta.course ? [fragment.meta.course] : []);
  return {
    id,
    url: best?.url ?? fragment.url,
    title: fragment.meta.title ?? fragment.url,
    type: fragment.filters.type?.[0],
    courses,
    chapter: fragment.meta.chapter,
    image: fragment.meta.image,
    excerpt: best?.excerpt ?? fragment.excerpt,
    sections: sections.sort((a, b) => (a.seconds ?? Infinity) - (b.seconds ?? Infinity)),
  };
}
