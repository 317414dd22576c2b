/**
 * Turns Pagefind's raw page fragments into what a learner sees in a result:
 * title, type, course, chapter, thumbnail and the matching sections, where a
 * match inside a transcript block (`#t-<seconds>`) or a timestamped notes
 * section (`#n-<seconds>`) becomes a link to that moment of the video.
 */
import type { PagefindAnchor, PagefindFragment, PagefindSubResult } from './pagefind-api.ts';
import { formatTimestamp } from '../../browser/timestamp.ts';

/** One matching region of a page; `ms` is set when it is a moment in a video. */
export interface HitSection {
  title: string;
  url: string;
  excerpt: string;
  ms?: number;
  /** "12:34" for moments. */
  timestamp?: string;
  kind: 'transcript' | 'notes' | 'text';
}

export interface SearchHit {
  id: string;
  /** Where the result's main link goes: its best matching section, or the page. */
  url: string;
  title: string;
  type?: string | undefined;
  courses: string[];
  chapter?: string | undefined;
  image?: string | undefined;
  excerpt: string;
  sections: HitSection[];
}

export interface Moment {
  kind: 'transcript' | 'notes';
  ms: number;
}

/** Sections shown under one result; Pagefind's own UI shows three too. */
const MAX_SECTIONS = 3;
/** Headings: a transcript block (`t-`) or a notes section (`n-`), in whole seconds. */
const headingMoment = /^([tn])-(\d+)$/;
/** One transcript line (`l-`), in milliseconds, so a hit lands on its own line. */
const lineMoment = /^l-(\d+)$/;

/** Reads the moment an element id stands for: `t-754`, `n-754` (seconds) or `l-754200` (a line, ms). */
export function parseMomentId(id: string): Moment | undefined {
  const heading = headingMoment.exec(id);
  if (heading) return { kind: heading[1] === 't' ? 'transcript' : 'notes', ms: Number(heading[2]) * 1000 };
  const line = lineMoment.exec(id);
  if (line) return { kind: 'transcript', ms: Number(line[1]) };
  return undefined;
}

/**
 * The video page starts at `?t=` (seconds, decimals allowed) and scrolls to the
 * `#t-`/`#n-` heading; `?t=` picks the exact line to highlight.
 */
export function momentUrl(pageUrl: string, ms: number, headingId: string): string {
  const [path = pageUrl] = pageUrl.split('#');
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}t=${Number((ms / 1000).toFixed(3))}#${headingId}`;
}

/**
 * The moment of the first match inside a section: the last moment anchor at or
 * before it, so a match deep in a minute-long transcript block lands on its own
 * line (when lines carry `l-<ms>` ids) rather than on the block's first line.
 */
function momentOfMatch(sub: PagefindSubResult, anchors: PagefindAnchor[]): Moment | undefined {
  const heading = sub.anchor && parseMomentId(sub.anchor.id);
  if (!sub.anchor || !heading) return undefined;
  const firstMatch = Math.min(...sub.locations);
  let best: { location: number; moment: Moment } = { location: sub.anchor.location, moment: heading };
  for (const anchor of anchors) {
    if (anchor.location < best.location || anchor.location > firstMatch) continue;
    const moment = parseMomentId(anchor.id);
    if (moment?.kind === heading.kind) best = { location: anchor.location, moment };
  }
  return best.moment;
}

function sectionScore(sub: PagefindSubResult): number {
  return sub.weighted_locations.reduce((sum, w) => sum + w.balanced_score, 0);
}

/** One section of a hit, with a timestamp link when it sits in a transcript or timestamped notes. */
export function toSection(fragment: PagefindFragment, sub: PagefindSubResult): HitSection {
  const moment = momentOfMatch(sub, fragment.anchors);
  if (!moment || !sub.anchor) return { title: sub.title, url: sub.url, excerpt: sub.excerpt, kind: 'text' };
  return {
    title: sub.title,
    url: momentUrl(fragment.url, moment.ms, sub.anchor.id),
    excerpt: sub.excerpt,
    ms: moment.ms,
    timestamp: formatTimestamp(moment.ms),
    kind: moment.kind,
  };
}

/** The item page of a lecture in the given course, from a library page's `lessons` meta ("slug=/path/ slug=/path/"). */
export function lessonPathIn(fragment: Pick<PagefindFragment, 'meta'>, courseSlug: string | undefined): string | undefined {
  if (!courseSlug) return undefined;
  for (const pair of (fragment.meta.lessons ?? '').split(' ')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at) === courseSlug) return pair.slice(at + 1);
  }
  return undefined;
}

/**
 * The learner-facing result for one page fragment. With `fromCourse`, a library
 * lecture that course uses links to the course's item page instead (same moment),
 * so the learner keeps the course sidebar and their completion.
 */
export function toSearchHit(id: string, fragment: PagefindFragment, fromCourse?: string): SearchHit {
  const lesson = lessonPathIn(fragment, fromCourse);
  if (lesson) fragment = { ...fragment, url: lesson, sub_results: fragment.sub_results.map((sub) => ({ ...sub, url: sub.url.replace(/^[^?#]*/, lesson) })) };
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
    sections: sections.sort((a, b) => (a.ms ?? Infinity) - (b.ms ?? Infinity)),
  };
}

const wordParts = (word: string) => word.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Stems keep at least this much of a word ("running" → "run"), backtracked noise rarely does. */
const MIN_SHARED_PREFIX = 3;

/**
 * False when Pagefind matched this page only by backtracking: for a term no page
 * contains, it answers with words sharing a short prefix of it (a search for
 * "xylophone" finds "xy-plane"), in the text or in metadata such as a thumbnail
 * URL. Every query term must share at least a stem's worth of prefix with a
 * matched word, or, for a match outside the text, with a word of the metadata.
 */
export function matchesEveryTerm(query: string, fragment: Pick<PagefindFragment, 'content' | 'locations' | 'meta'>): boolean {
  const words = fragment.content.split(/\s+/);
  const matched =
    fragment.locations.length > 0
      ? fragment.locations.flatMap((location) => wordParts(words[location] ?? ''))
      : Object.values(fragment.meta).flatMap((value) => wordParts(value ?? ''));
  return wordParts(query).every((term) => matched.some((word) => commonPrefix(term, word) >= Math.min(MIN_SHARED_PREFIX, term.length)));
}
