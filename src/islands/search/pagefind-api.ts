/**
 * The slice of Pagefind's browser API that Learnspace uses, typed, and a loader
 * that fetches the index bundle at run time. The bundle is written by
 * `pagefind --site dist` after `astro build`, so Vite must never try to bundle it,
 * and it does not exist under `astro dev`.
 */

/** Raw data about an element with an id, as Pagefind saw it when indexing. */
export interface PagefindAnchor {
  element: string;
  id: string;
  text?: string;
  /** Index of the first word after this element in `content` split on whitespace. */
  location: number;
}

export interface PagefindWordLocation {
  weight: number;
  balanced_score: number;
  location: number;
}

/** A matching region of a page: the text under one heading that has an id. */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations: number[];
  weighted_locations: PagefindWordLocation[];
  /** Absent for text found before the page's first heading with an id. */
  anchor?: PagefindAnchor;
}

export interface PagefindFragment {
  url: string;
  excerpt: string;
  content: string;
  word_count: number;
  locations: number[];
  filters: Record<string, string[]>;
  meta: Record<string, string | undefined>;
  sub_results: PagefindSubResult[];
  anchors: PagefindAnchor[];
}

export interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<PagefindFragment>;
}

export type PagefindFilterCounts = Record<string, Record<string, number>>;

export interface PagefindSearchResponse {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: PagefindFilterCounts;
  totalFilters: PagefindFilterCounts;
}

/** A single value per filter key: Learnspace offers one course and one type at a time. */
export type PagefindFilters = Record<string, string>;

export interface Pagefind {
  options: (options: { excerptLength?: number; baseUrl?: string }) => Promise<void>;
  init: () => Promise<void>;
  preload: (term: string, options?: { filters?: PagefindFilters }) => Promise<void>;
  search: (term: string | null, options?: { filters?: PagefindFilters }) => Promise<PagefindSearchResponse>;
  /** Resolves to null when a newer call superseded this one during the wait. */
  debouncedSearch: (term: string | null, options?: { filters?: PagefindFilters }, debounceMs?: number) => Promise<PagefindSearchResponse | null>;
  filters: () => Promise<PagefindFilterCounts>;
}

/** Where `pagefind --site <outDir>` writes its bundle, relative to the site root. */
export const pagefindBundle = '/pagefind/pagefind.js';

let loading: Promise<Pagefind | null> | undefined;

/**
 * Loads the search index once per page. Resolves to null when there is no index
 * (`astro dev`, or a build that skipped `pagefind`), so callers can say so kindly.
 */
export function loadPagefind(): Promise<Pagefind | null> {
  loading ??= (async () => {
    try {
      const pagefind = (await import(/* @vite-ignore */ pagefindBundle)) as Pagefind;
      await pagefind.options({ excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    } catch {
      return null;
    }
  })();
  return loading;
}
