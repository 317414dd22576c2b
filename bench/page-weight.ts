/**
 * What a learner downloads: gzip bytes of HTML, JavaScript and CSS per page
 * type (the scripts and styles a page actually loads in Chromium, read back
 * from the built files), the Pagefind index per indexed page, and how long a
 * Pagefind query takes in the browser, cold and warm.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from '../tests/e2e/support/browser.ts';
import { serveDir } from '../tests/e2e/support/server.ts';
import { dirBytes, htmlPages } from './files.ts';
import { median } from './stats.ts';
import type { CatalogDocument, GeneratedCatalog } from './generate-catalog.ts';

export const PAGE_TYPES = ['catalog', 'course', 'text item', 'video item', 'quiz item', 'assignment', 'resource', 'video page', 'progress', 'search'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

export interface PageWeight {
  path: string;
  htmlGzip: number;
  jsGzip: number;
  cssGzip: number;
  scripts: number;
  /** Same-origin HTML or JSON the page fetched by itself once idle (a lecture's notes and transcript, course outlines). */
  fetchedGzip: number;
}

export interface SearchLatency {
  queries: string[];
  coldMs: number;
  warmMedianMs: number;
}

export interface SiteWeight {
  pages: Partial<Record<PageType, PageWeight>>;
  pagefindBytes: number;
  pagesIndexed: number;
  search: SearchLatency | null;
}

export const SEARCH_QUERIES = [
  'gradient',
  'eigenvector',
  'activation',
  'projection',
  'determinant',
  'embedding',
  'optimizer',
  'kernel',
  'theorem',
  'probability',
];

const gzipBytes = (data: Buffer) => gzipSync(data, { level: 9 }).length;

/** The page of each type in a build of a synthetic catalog (its first course, first chapter), when the site has it. */
export function pagesOfOurSite(distDir: string, catalog: GeneratedCatalog): Partial<Record<PageType, string>> {
  const pages = htmlPages(distDir).map((f) => '/' + f.replace(/index\.html$/, ''));
  const firstCourse = pages.find((p) => /^\/courses\/[^/]+\/$/.test(p));
  const itemPage = (suffix: string) => pages.find((p) => firstCourse && p.startsWith(firstCourse) && new RegExp(`/\\d+-${suffix}/$`).test(p));
  const videoId = catalog.videoIds[0]!;
  const found: Partial<Record<PageType, string | undefined>> = {
    catalog: pages.includes('/') ? '/' : undefined,
    course: firstCourse,
    'text item': itemPage('text'),
    'video item': itemPage('video'),
    'quiz item': itemPage('quiz'),
    assignment: itemPage('assignment'),
    resource: itemPage('resource'),
    'video page': pages.find((p) => !p.startsWith('/courses/') && !p.startsWith('/admin/') && p.includes(`/${videoId}/`)),
    progress: pages.find((p) => p === '/progress/'),
    search: pages.find((p) => p === '/search/'),
  };
  return Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined)) as Partial<Record<PageType, string>>;
}

const SAME_TEXT: Partial<Record<PageType, CatalogDocument['kind']>> = {
  course: 'course',
  'text item': 'text',
  'video item': 'video',
  'quiz item': 'quiz',
  assignment: 'assignment',
  resource: 'resource',
  'video page': 'video',
};

/** The baseline page made from the same text as each of our page types (baseline page n holds document n). */
export function pagesOfBaseline(catalog: GeneratedCatalog): Partial<Record<PageType, string>> {
  const out: Partial<Record<PageType, string>> = {};
  for (const [type, kind] of Object.entries(SAME_TEXT) as [PageType, CatalogDocument['kind']][]) {
    const index = catalog.documents.findIndex((d) => d.kind === kind);
    if (index >= 0) out[type] = `/p/${index}/`;
  }
  return out;
}

/** Loads `path` and sums gzip sizes of the same-origin scripts and styles it requested once idle. */
async function weighPage(browser: Browser, baseURL: string, distDir: string, path: string): Promise<PageWeight> {
  const page = await newPage(browser);
  const assets = new Set<string>();
  const fetched = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== baseURL) return;
    if (request.resourceType() === 'script' || request.resourceType() === 'stylesheet') assets.add(url.pathname);
    if ((request.resourceType() === 'fetch' || request.resourceType() === 'xhr') && !url.pathname.startsWith('/pagefind/')) fetched.add(url.pathname);
  });
  await page.goto(baseURL + path, { waitUntil: 'networkidle' });
  await page.close();
  let jsGzip = 0;
  let cssGzip = 0;
  let scripts = 0;
  for (const asset of assets) {
    const file = join(distDir, decodeURIComponent(asset));
    if (!existsSync(file)) continue;
    const size = gzipBytes(readFileSync(file));
    if (asset.endsWith('.css')) cssGzip += size;
    else {
      jsGzip += size;
      scripts++;
    }
  }
  let fetchedGzip = 0;
  for (const data of fetched) {
    const file = join(distDir, decodeURIComponent(data), data.endsWith('/') ? 'index.html' : '');
    if (existsSync(file)) fetchedGzip += gzipBytes(readFileSync(file));
  }
  const html = readFileSync(join(distDir, path, 'index.html'));
  return { path, htmlGzip: gzipBytes(html), jsGzip, cssGzip, scripts, fetchedGzip };
}

/** Pagefind's own query time in the page: import its API, search, and load the first ten results' data. */
async function searchLatency(browser: Browser, baseURL: string, pagePath: string): Promise<SearchLatency> {
  const page = await newPage(browser);
  await page.goto(baseURL + pagePath, { waitUntil: 'networkidle' });
  const samples = await page.evaluate(async (queries) => {
    const url = '/pagefind/pagefind.js';
    type Pagefind = { search: (q: string) => Promise<{ results: { data: () => Promise<unknown> }[] }> };
    const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
    const times: number[] = [];
    for (const query of queries) {
      const started = performance.now();
      const search = await pagefind.search(query);
      await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      times.push(performance.now() - started);
    }
    return times;
  }, SEARCH_QUERIES);
  await page.close();
  return { queries: SEARCH_QUERIES, coldMs: samples[0]!, warmMedianMs: median(samples.slice(1)) };
}

/** Weighs the given pages of a built site and times search on it. */
export async function measureSiteWeight(distDir: string, pages: Partial<Record<PageType, string>>, pagesIndexed: number): Promise<SiteWeight> {
  const server = await serveDir(distDir);
  const browser = await launchBrowser();
  try {
    const weights: SiteWeight['pages'] = {};
    for (const [type, path] of Object.entries(pages) as [PageType, string][]) {
      if (existsSync(join(distDir, path, 'index.html'))) weights[type] = await weighPage(browser, server.url, distDir, path);
    }
    const anyPage = pages.search ?? pages.catalog ?? Object.values(pages)[0];
    const search = anyPage && existsSync(join(distDir, 'pagefind', 'pagefind.js')) ? await searchLatency(browser, server.url, anyPage) : null;
    return { pages: weights, pagefindBytes: dirBytes(join(distDir, 'pagefind')), pagesIndexed, search };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** "Indexed 1234 pages" from Pagefind's output. */
export function pagesIndexedFrom(pagefindStdout: string): number {
  return Number(/Indexed (\d+) pages?/.exec(pagefindStdout)?.[1] ?? 0);
}
