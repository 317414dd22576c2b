import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';

/** The only transcript line in the sample site with this word: IHZwWFHWa-w.vtt, cue at 00:07:30.000. */
const TRANSCRIPT_ONLY_WORD = 'hyperparaboloid';
const TRANSCRIPT_VIDEO = 'IHZwWFHWa-w';
const TRANSCRIPT_LINE_SECONDS = 450;
/** The neural-networks course item that shows TRANSCRIPT_VIDEO. */
const TRANSCRIPT_LESSON = '/courses/neural-networks/02-gradient-descent/01-lecture/';
/** Occurs only in the unpublished calculus-draft course. */
const DRAFT_ONLY_WORD = 'zanzibarquokka';
/** Occurs in both published sample courses. */
const SHARED_WORD = 'matrix';
/** The composition quiz: a word only its NumPy prompts use, and words only its choices ('Hadamard') and explanations ('Kronecker') use. */
const QUIZ_PAGE = '/courses/linear-algebra/04-composition/03-composition-quiz/';
const QUIZ_PROMPT_WORD = 'arrays';
const QUIZ_ANSWER_ONLY_WORDS = ['hadamard', 'kronecker'];

/** Authored files under content/courses that contain `word`, so a test of its absence can fail. */
function contentFilesWith(word: string): string[] {
  const root = join(process.cwd(), 'content', 'courses');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ya?ml|mdx?)$/.test(file))
    .filter((file) => readFileSync(join(root, file), 'utf8').toLowerCase().includes(word));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens /search/ and waits until the results list answers `query`. */
async function searchFor(page: Page, query: string, extra = ''): Promise<void> {
  await page.goto(`${inject('baseURL')}/search/?q=${encodeURIComponent(query)}${extra}`);
  await page.locator(`#search-results[data-results-for="${query}"]`).waitFor({ state: 'attached' });
}

const status = (page: Page) => page.locator('#search-status').innerText();
const hitMeta = (page: Page) => page.locator('.search-hit-meta').allInnerTexts();
/** The result count the status line announces. */
const announcedCount = async (page: Page) => Number(/^(\d+) results? for/.exec(await status(page))?.[1] ?? 0);

describe('search', () => {
  it('finds a video by a word only its transcript contains and opens it at the line that says it', async () => {
    const page = await newPage(browser);
    await searchFor(page, TRANSCRIPT_ONLY_WORD);
    const moment = page.locator(`.search-hit-sections a[href*="t=${TRANSCRIPT_LINE_SECONDS}"]`).first();
    await expect(moment.getAttribute('href')).resolves.toContain(TRANSCRIPT_VIDEO);
    await expect(moment.innerText()).resolves.toContain('7:30');
    await expect(page.locator('.search-hit').first().innerText()).resolves.toContain(TRANSCRIPT_ONLY_WORD);
    // One moment, one result: the course page showing the same video does not index it again.
    await expect(page.locator('.search-hit').count()).resolves.toBe(1);

    await moment.click();
    await page.waitForURL(new RegExp(`[?&]t=${TRANSCRIPT_LINE_SECONDS}(&|#|$)`));
    expect(new URL(page.url()).hash).toMatch(/^#t-\d+$/);
    const current = page.locator('.transcript [aria-current="time"]');
    await current.waitFor();
    await expect(current.innerText()).resolves.toContain(TRANSCRIPT_ONLY_WORD);
  });

  it('opens a lecture moment inside the course the learner searched from, with its sidebar and completion', async () => {
    const page = await newPage(browser);
    await page.goto(`${inject('baseURL')}/courses/neural-networks/`);
    await page.locator('[data-header-search]').fill(TRANSCRIPT_ONLY_WORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=hyperparaboloid&from=neural-networks/);
    await page.locator(`#search-results[data-results-for="${TRANSCRIPT_ONLY_WORD}"]`).waitFor({ state: 'attached' });
    const moment = page.locator(`.search-hit-sections a[href*="t=${TRANSCRIPT_LINE_SECONDS}"]`).first();
    await expect(moment.getAttribute('href')).resolves.toMatch(new RegExp(`^${TRANSCRIPT_LESSON}\\?t=${TRANSCRIPT_LINE_SECONDS}(\\.\\d+)?#t-\\d+$`));
    await moment.click();
    await page.waitForURL((url) => url.pathname === TRANSCRIPT_LESSON);
    await expect(page.locator('nav[aria-label="Course contents"]').count()).resolves.toBe(1);
    await expect(page.locator('ls-complete-toggle').count()).resolves.toBe(1);
    const current = page.locator('.transcript [aria-current="time"]');
    await current.waitFor();
    await expect(current.innerText()).resolves.toContain(TRANSCRIPT_ONLY_WORD);
  });

  it('keeps the library page for a lecture the course searched from does not use', async () => {
    const page = await newPage(browser);
    await searchFor(page, TRANSCRIPT_ONLY_WORD, '&from=linear-algebra');
    const moment = page.locator(`.search-hit-sections a[href*="t=${TRANSCRIPT_LINE_SECONDS}"]`).first();
    await expect(moment.getAttribute('href')).resolves.toMatch(new RegExp(`^/videos/${TRANSCRIPT_VIDEO}/\\?t=`));
  });

  it('shows snippets of the content, never page chrome', async () => {
    const page = await newPage(browser);
    for (const chrome of ['attempts are saved in this browser', 'Watch on YouTube', 'Auto-extracted from the transcript']) {
      await searchFor(page, chrome);
      const excerpts = (await page.locator('.search-hit-excerpt').allInnerTexts()).join(' ');
      expect(excerpts.toLowerCase(), chrome).not.toContain(chrome.toLowerCase());
    }
    await searchFor(page, 'pass mark');
    for (const excerpt of await page.locator('.search-hit-excerpt').allInnerTexts()) expect(excerpt).not.toMatch(/\d+ questions · pass mark/);
  });

  it('shows sub-headings whole', async () => {
    const page = await newPage(browser, { viewport: { width: 375, height: 800 } });
    await searchFor(page, 'mathematician scale');
    const title = page.locator('.search-hit-section-title', { hasText: /mathematician.s view/ }).first();
    await expect(title.innerText()).resolves.toMatch(/^The mathematician.s view: anything you can add and scale$/);
    await expect(title.evaluate((el) => el.scrollWidth <= el.clientWidth && getComputedStyle(el).textOverflow !== 'ellipsis')).resolves.toBe(true);
  });

  it('narrows results to one course when a course filter is chosen', async () => {
    const page = await newPage(browser);
    await searchFor(page, SHARED_WORD);
    const everywhere = await announcedCount(page);
    const courseSelect = page.locator('select[name="course"]');
    const courses = (await courseSelect.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
    expect(courses.length).toBeGreaterThanOrEqual(2);

    for (const course of courses.slice(0, 2)) {
      await courseSelect.selectOption(course);
      await page.locator('#search-status', { hasText: `in ${course}.` }).waitFor();
      await page.waitForFunction((name) => new URL(location.href).searchParams.get('course') === name, course);
      const narrowed = await hitMeta(page);
      expect(narrowed.length).toBeGreaterThan(0);
      for (const meta of narrowed) expect(meta).toContain(course);
      const inCourse = await announcedCount(page);
      expect(inCourse).toBeGreaterThan(0);
      expect(inCourse).toBeLessThan(everywhere);
    }
  });

  it('filters by content type', async () => {
    const page = await newPage(browser);
    await searchFor(page, SHARED_WORD, '&type=Reading');
    const metas = await hitMeta(page);
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) expect(meta.startsWith('Reading')).toBe(true);
  });

  it('finds nothing from an unpublished draft course in the production build', async () => {
    expect(contentFilesWith(DRAFT_ONLY_WORD).every((file) => file.startsWith('calculus-draft'))).toBe(true);
    expect(contentFilesWith(DRAFT_ONLY_WORD).length).toBeGreaterThan(0);
    const page = await newPage(browser);
    await searchFor(page, DRAFT_ONLY_WORD);
    await expect(page.locator('.search-hit').count()).resolves.toBe(0);
    await expect(status(page)).resolves.toContain(`No results for “${DRAFT_ONLY_WORD}”`);
  });

  it('finds a quiz by a word of its prompts, never by words only its choices and explanations hold', async () => {
    const quizFile = '04-composition/03-composition-quiz.yaml';
    expect(contentFilesWith(QUIZ_PROMPT_WORD).map((f) => f.replace(/^linear-algebra\//, ''))).toEqual([quizFile]);
    const page = await newPage(browser);
    await searchFor(page, QUIZ_PROMPT_WORD);
    // Other pages match the stem ("np.array"); the quiz page matches by its prompt.
    const quizHit = page.locator('.search-hit', { has: page.locator(`.search-hit-title[href="${QUIZ_PAGE}"]`) });
    await expect(quizHit.locator('.search-hit-excerpt').innerText()).resolves.toContain(QUIZ_PROMPT_WORD);
    for (const word of QUIZ_ANSWER_ONLY_WORDS) {
      // The word is in the quiz file (a choice, an explanation), so the quiz page missing from its results is the protection working.
      expect(contentFilesWith(word).map((f) => f.replace(/^linear-algebra\//, ''))).toEqual([quizFile]);
      await searchFor(page, word);
      // Other pages may come up by a shared prefix ("had"); the quiz page must not.
      await expect(page.locator(`.search-hit-title[href^="${QUIZ_PAGE}"]`).count(), word).resolves.toBe(0);
    }
  });

  it('works by keyboard alone: / focuses the box, Enter searches, arrows reach a result, Enter opens it', async () => {
    const page = await newPage(browser);
    await page.goto(`${inject('baseURL')}/`);
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('q');
    await page.keyboard.type(TRANSCRIPT_ONLY_WORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=hyperparaboloid/);
    await page.locator(`#search-results[data-results-for="${TRANSCRIPT_ONLY_WORD}"]`).waitFor({ state: 'attached' });
    await expect(status(page)).resolves.toMatch(/^\d+ results? for/);

    // On /search/ the results appear while typing; `/` returns to the box from anywhere on the page.
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href ?? '');
    expect(focused).toContain(TRANSCRIPT_VIDEO);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/search/');
    expect(page.url()).toContain(TRANSCRIPT_VIDEO);
  });

  it('shows results while typing, announced in a live status line', async () => {
    const page = await newPage(browser);
    await page.goto(`${inject('baseURL')}/search/`);
    await page.locator('#search-status', { hasText: 'Type to search' }).waitFor();
    await page.locator('#search-input').pressSequentially('gradient', { delay: 30 });
    await page.locator('#search-results[data-results-for="gradient"]').waitFor({ state: 'attached' });
    await expect(page.locator('#search-status').getAttribute('role')).resolves.toBe('status');
    await expect(status(page)).resolves.toMatch(/^\d+ results? for “gradient”/);
    await expect(page.locator('.search-hit').count()).resolves.toBeGreaterThan(0);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'gradient');
  });

  it('says search is unavailable, not broken, when the site has no index (astro dev)', async () => {
    const page = await newPage(browser);
    await page.route('**/pagefind/pagefind.js', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.goto(`${inject('baseURL')}/search/?q=gradient`);
    await page.locator('#search-status', { hasText: 'npm run build' }).waitFor();
    await expect(page.locator('.search-hit').count()).resolves.toBe(0);
  });
});
