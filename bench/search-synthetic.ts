/**
 * Search benchmark: index size per page and time from typing to results, on a
 * synthetic 1,000-page site and on a built Learnspace site.
 *
 * The synthetic site is plain HTML with the same markup contract as our pages
 * (data-pagefind-body, course/type filters, meta, transcript blocks under
 * `t-<seconds>` headings, notes under `n-<seconds>`), in the proportions of a
 * real catalog: video pages with a transcript and notes, readings, quizzes and
 * course pages. Its /search/ page and assets are copied from a built site, so
 * the latency measured is that of our real search island.
 *
 *   npx tsx bench/search-synthetic.ts                      # 1,000 synthetic pages, UI from dist/
 *   npx tsx bench/search-synthetic.ts --pages 5000
 *   npx tsx bench/search-synthetic.ts --site dist          # the built sample site itself
 *   npx tsx bench/search-synthetic.ts --json
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newPage } from '../tests/e2e/support/browser.ts';
import { serveDir } from '../tests/e2e/support/server.ts';
import { SyntheticText } from './synthetic-text.ts';
import { SEARCH_DEBOUNCE_MS } from '../src/islands/search/search-params.ts';

interface Options {
  pages: number;
  /** A built site to measure as it is, instead of generating one. */
  site?: string;
  /** A built site whose /search/ page and assets the synthetic site borrows. */
  ui: string;
  queries: number;
  json: boolean;
}

interface IndexFigures {
  pagesIndexed: number;
  wordsIndexed: number;
  indexBytes: number;
  bytesPerPage: number;
  /** The part that grows with the site: fragments, index chunks, filters, metadata (not the JS/WASM/UI bundles). */
  dataBytes: number;
  dataBytesPerPage: number;
}

interface LatencyFigures {
  samplesMs: number[];
  medianMs: number;
  coldMs: number;
}

const SAMPLE_QUERIES = ['gradient', 'neuron', 'matrix', 'hyperparaboloid', 'backpropagation', 'cost', 'weights', 'layer', 'eigenvector', 'derivative'];
const SYNTHETIC_QUERIES = ['gradient', 'eigenvector', 'activation', 'projection', 'determinant', 'embedding', 'optimizer', 'kernel', 'theorem', 'probability'];
const COURSES = ['Neural Networks', 'Linear Algebra', 'Calculus', 'Probability', 'Optimization', 'Signals', 'Statistics', 'Graphs'];
/** A catalog's mix: per ten pages, four videos, three readings, a quiz, an assignment and a course or chapter page. */
const MIX = ['Video', 'Reading', 'Video', 'Quiz', 'Reading', 'Video', 'Assignment', 'Video', 'Course', 'Reading'] as const;

function parseArgs(argv: string[]): Options {
  const options: Options = { pages: 1000, ui: 'dist', queries: 10, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--pages') options.pages = Number(value());
    else if (arg === '--site') options.site = value();
    else if (arg === '--ui') options.ui = value();
    else if (arg === '--queries') options.queries = Number(value());
    else if (arg === '--json') options.json = true;
    else throw new Error(`unknown option ${arg}; see the header of bench/search-synthetic.ts`);
  }
  return options;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A long tail of rare words (names, jargon, typos) that real prose has and a
 * small vocabulary lacks; without it the index would look smaller than it is.
 */
function rareWord(text: SyntheticText): string {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tus', 'vor', 'al', 'pe', 'quin', 'dra', 'sol', 'ith', 'un', 'bor', 'gel', 'fa'];
  const n = text.int(2, 4);
  return Array.from({ length: n }, () => text.pick(syllables)).join('');
}

function prose(text: SyntheticText, paragraphs: number): string {
  return Array.from({ length: paragraphs }, () => {
    const words = text.paragraph().split(' ');
    for (let k = text.int(0, 3); k > 0; k--) words.splice(text.int(0, words.length), 0, rareWord(text));
    return `<p>${escapeHtml(words.join(' '))}</p>`;
  }).join('\n');
}

/** Transcript blocks of about a minute, one heading each, lines carrying their start time. */
function transcript(text: SyntheticText, minutes: number): string {
  const blocks: string[] = [];
  for (let minute = 0; minute < minutes; minute++) {
    const start = minute * 60;
    const lines: string[] = [];
    for (let second = start; second < start + 60; second += text.int(4, 7)) {
      lines.push(
        `<p class="line" data-start-ms="${second * 1000}"><a href="?t=${second}">${Math.floor(second / 60)}:${String(second % 60).padStart(2, '0')}</a> ${escapeHtml(text.sentence())}</p>`,
      );
    }
    blocks.push(`<h3 id="t-${start}">${minute}:00</h3>\n${lines.join('\n')}`);
  }
  return `<section><h2 id="transcript">Transcript</h2>\n${blocks.join('\n')}</section>`;
}

function notes(text: SyntheticText, minutes: number): string {
  const sections = Array.from({ length: Math.max(2, Math.round(minutes / 3)) }, (_, i) => {
    const at = Math.round((i * minutes * 60) / Math.max(2, Math.round(minutes / 3)));
    return `<h3 id="n-${at}">${escapeHtml(text.title())}</h3>\n${prose(text, text.int(1, 3))}`;
  });
  return `<section><h2 id="notes">Notes</h2>\n${sections.join('\n')}</section>`;
}

function syntheticPage(text: SyntheticText, index: number): { path: string; html: string } {
  const type = MIX[index % MIX.length]!;
  const course = COURSES[index % COURSES.length]!;
  const chapter = `Chapter ${1 + (Math.floor(index / 10) % 6)}: ${text.title()}`;
  const title = text.title();
  let body: string;
  if (type === 'Video') {
    const minutes = text.int(8, 22);
    body = `<p>${escapeHtml(text.paragraph())}</p>\n${notes(text, minutes)}\n${transcript(text, minutes)}`;
  } else if (type === 'Reading' || type === 'Assignment') {
    body = prose(text, text.int(6, 14));
  } else if (type === 'Quiz') {
    body = Array.from(
      { length: text.int(5, 8) },
      () => `<h3>${escapeHtml(text.sentence())}</h3>\n<ul data-pagefind-ignore><li>${escapeHtml(text.phrase())}</li><li>${escapeHtml(text.phrase())}</li></ul>`,
    ).join('\n');
  } else {
    body = `${prose(text, 2)}\n${Array.from({ length: 5 }, (_, i) => `<h3 id="chapter-${i}">${escapeHtml(text.title())}</h3>\n<p>${escapeHtml(text.sentence())}</p>`).join('\n')}`;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>
<header data-pagefind-ignore><nav><a href="/">Courses</a> <a href="/videos/">Videos</a> <a href="/search/">Search</a></nav></header>
<main data-pagefind-body>
<span hidden data-pagefind-filter="course:${escapeHtml(course)}"></span><span hidden data-pagefind-filter="type:${type}"></span>
<span hidden data-pagefind-meta="course:${escapeHtml(course)}"></span><span hidden data-pagefind-meta="chapter:${escapeHtml(chapter)}"></span>
<h1 data-pagefind-meta="title">${escapeHtml(title)}</h1>
${body}
</main>
<footer data-pagefind-ignore>Learnspace</footer></body></html>`;
  return { path: `p/${String(index).padStart(5, '0')}/index.html`, html };
}

/** Writes the synthetic pages, then borrows the real /search/ page and its assets from a built site. */
function writeSyntheticSite(dir: string, pages: number, ui: string): void {
  const text = new SyntheticText(20260105);
  for (let i = 0; i < pages; i++) {
    const page = syntheticPage(text, i);
    mkdirSync(join(dir, page.path, '..'), { recursive: true });
    writeFileSync(join(dir, page.path), page.html);
  }
  if (!existsSync(join(ui, 'search', 'index.html'))) {
    throw new Error(`${ui}/search/index.html not found: build the site first (npm run build) or pass --ui <built site>`);
  }
  cpSync(join(ui, 'search'), join(dir, 'search'), { recursive: true });
  cpSync(join(ui, '_astro'), join(dir, '_astro'), { recursive: true });
}

function duBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + duBytes(join(path, name)), 0);
}

/** Runs Pagefind over a folder and reads its own counts from what it prints. */
function indexSite(dir: string): IndexFigures {
  rmSync(join(dir, 'pagefind'), { recursive: true, force: true });
  const out = execFileSync(join(process.cwd(), 'node_modules', '.bin', 'pagefind'), ['--site', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const count = (label: string) => Number(new RegExp(`Indexed (\\d+) ${label}`).exec(out)?.[1] ?? NaN);
  const pagesIndexed = count('pages?');
  const bundle = join(dir, 'pagefind');
  const indexBytes = duBytes(bundle);
  const dataBytes = readdirSync(bundle)
    .filter((name) => ['fragment', 'index', 'filter'].includes(name) || name.endsWith('.pf_meta'))
    .reduce((sum, name) => sum + duBytes(join(bundle, name)), 0);
  return {
    pagesIndexed,
    wordsIndexed: count('words?'),
    indexBytes,
    bytesPerPage: Math.round(indexBytes / pagesIndexed),
    dataBytes,
    dataBytesPerPage: Math.round(dataBytes / pagesIndexed),
  };
}

type Timed = Window & { typedAt?: number; answered?: Promise<number> };

/** performance.now() from the input event to the result list answering that query, measured in the page itself. */
async function typingToResults(page: Page, query: string): Promise<number> {
  const input = page.locator('#search-input');
  await input.fill('');
  await page.waitForFunction(() => !document.querySelector('#search-results')?.hasAttribute('data-results-for'));
  await page.evaluate((q) => {
    const w = window as Timed;
    const list = document.querySelector('#search-results')!;
    document.querySelector('#search-input')!.addEventListener('input', () => (w.typedAt = performance.now()), { once: true, capture: true });
    w.answered = new Promise<number>((done) => {
      const observer = new MutationObserver(() => {
        if (list.getAttribute('data-results-for') !== q || w.typedAt === undefined) return;
        observer.disconnect();
        done(performance.now() - w.typedAt);
      });
      observer.observe(list, { attributes: true, childList: true, subtree: true });
    });
  }, query);
  await input.fill(query);
  return page.evaluate(() => (window as Timed).answered!);
}

async function measureLatency(siteDir: string, queries: string[]): Promise<LatencyFigures> {
  const server = await serveDir(siteDir);
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.goto(`${server.url}/search/`);
    await page.locator('#search-status', { hasText: 'Type to search' }).waitFor();
    const samplesMs: number[] = [];
    for (const query of queries) samplesMs.push(await typingToResults(page, query));
    const sorted = [...samplesMs].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const medianMs = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    return { samplesMs: samplesMs.map((n) => Math.round(n)), medianMs: Math.round(medianMs), coldMs: Math.round(samplesMs[0]!) };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let siteDir: string;
  let label: string;
  let cleanup = () => {};
  if (options.site) {
    siteDir = resolve(options.site);
    label = `built site ${options.site}`;
  } else {
    siteDir = mkdtempSync(join(tmpdir(), 'learnspace-search-bench-'));
    cleanup = () => rmSync(siteDir, { recursive: true, force: true });
    writeSyntheticSite(siteDir, options.pages, resolve(options.ui));
    label = `synthetic site, ${options.pages} pages`;
  }
  try {
    const index = indexSite(siteDir);
    const queries = (options.site ? SAMPLE_QUERIES : SYNTHETIC_QUERIES).slice(0, options.queries);
    const latency = await measureLatency(siteDir, queries);
    if (options.json) {
      console.log(JSON.stringify({ site: label, index, latency, queries }, null, 2));
      return;
    }
    console.log(`Search benchmark: ${label}`);
    console.log(`  pages indexed        ${index.pagesIndexed} (${index.wordsIndexed} distinct words)`);
    console.log(`  index (dist/pagefind) ${(index.indexBytes / 1024).toFixed(0)} KiB, ${(index.bytesPerPage / 1024).toFixed(1)} KiB per page`);
    console.log(
      `  of which page data   ${(index.dataBytes / 1024).toFixed(0)} KiB, ${(index.dataBytesPerPage / 1024).toFixed(1)} KiB per page (the rest is Pagefind's JS/WASM, fixed)`,
    );
    console.log(
      `  typing → results     median ${latency.medianMs} ms of ${queries.length} queries (first, cold: ${latency.coldMs} ms; includes the ${SEARCH_DEBOUNCE_MS} ms debounce)`,
    );
    console.log(`  samples (ms)         ${latency.samplesMs.join(', ')}`);
  } finally {
    cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
