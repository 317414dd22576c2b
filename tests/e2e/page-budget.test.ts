/**
 * Page budget over the built sample site (dist/, built by the global setup): no HTML file over
 * 200 KB, and a lecture's transcript, notes and quiz in the HTML of exactly one page, its library
 * page, which course items showing the video load on demand (issue 12).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import islandRuntime from 'astro/runtime/server/astro-island.prebuilt.js';
import { launchBrowser, newPage } from './support/browser.ts';

const dist = join(process.cwd(), 'dist');
const HTML_BUDGET = 200 * 1024;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const pages = new Map(htmlFiles(dist).map((file) => [relative(dist, file), readFileSync(file, 'utf8')]));

/** Library pages of the lectures that course items show, found from the items' load-on-demand markers. */
function lecturesShownByCourses(): Map<string, string> {
  const lectures = new Map<string, string>();
  for (const [file, html] of pages) {
    if (!file.startsWith('courses/')) continue;
    for (const m of html.matchAll(/<a href="\/videos\/([^/"]+)\/#lesson-notes" data-lesson-source/g)) if (m[1]) lectures.set(m[1], file);
  }
  return lectures;
}

/** A library page's transcript lines, as they appear in its HTML (`<li><span id="l-<ms>">0:04</span> text</li>`). */
const transcriptLines = (html: string) => [...html.matchAll(/<li><span id="l-\d+"[^>]*>[^<]*<\/span> ([^<]{40,})<\/li>/g)].map((m) => m[1] ?? '');

/** The prompts of a library page's quiz, from its JSON block. */
const quizPrompts = (html: string): string[] => {
  const json = /<script type="application\/json" id="lesson-quiz-data">([^<]*)<\/script>/.exec(html)?.[1];
  return json ? (JSON.parse(json) as Array<{ promptHtml: string }>).map((q) => q.promptHtml) : [];
};

/**
 * Transcript lines and notes paragraphs of a library page, as they appear in its HTML: long ones that
 * the page holds once (a quiz question may quote a line).
 */
function materialOf(html: string): string[] {
  const once = (text: string) => html.split(text).length === 2;
  const lines = transcriptLines(html).filter(once).slice(0, 5);
  const notes = [...html.matchAll(/<div class="prose"[^>]*><p>([^<]{40,})/g)]
    .map((m) => m[1] ?? '')
    .filter(once)
    .slice(0, 3);
  return [...lines, ...notes];
}

describe('page budget', () => {
  it(`keeps every HTML file of the site under ${HTML_BUDGET / 1024} KB`, () => {
    expect(pages.size).toBeGreaterThan(10);
    const over = [...pages.keys()].filter((file) => statSync(join(dist, file)).size > HTML_BUDGET);
    expect(over).toEqual([]);
  });

  it("keeps Astro's island runtime in one cached file, not in every page with an island", () => {
    const withIslands = [...pages].filter(([, html]) => html.includes('<astro-island'));
    expect(withIslands.length).toBeGreaterThan(10);
    for (const [file, html] of withIslands) {
      expect(html.includes(islandRuntime), file).toBe(false);
      expect(html, file).toMatch(/<script src="\/_astro\/island-runtime\.\w+\.js"><\/script>/);
    }
  });

  it("puts a lecture's transcript and notes in the HTML of its library page only, not of the course items showing it", () => {
    const lectures = lecturesShownByCourses();
    expect(lectures.size).toBeGreaterThan(0);
    for (const id of lectures.keys()) {
      const library = `videos/${id}/index.html`;
      const material = materialOf(pages.get(library) ?? '');
      expect(material.length, `${library} has transcript lines and notes`).toBeGreaterThan(3);
      for (const text of material) {
        const holders = [...pages].filter(([, html]) => html.includes(text)).map(([file]) => file);
        expect(holders, `"${text.slice(0, 60)}…"`).toEqual([library]);
      }
    }
  });

  it("puts a lecture's quiz in its library page once, as data, and in no course item", () => {
    const lectures = lecturesShownByCourses();
    for (const [id, item] of lectures) {
      const library = pages.get(`videos/${id}/index.html`) ?? '';
      const prompts = quizPrompts(library);
      expect(prompts.length, `videos/${id}/ has its quiz`).toBeGreaterThan(2);
      // Rendered once by the island in the browser, not by the server: no question markup in any file.
      expect(library).not.toContain('quiz-question');
      expect(pages.get(item) ?? '').not.toContain('lesson-quiz-data');
      expect(pages.get(item) ?? '').not.toContain('quiz-question');
    }
  });
});

describe('a course item showing a lecture', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("loads the notes and transcript from the lecture's page and seeks from them", async () => {
    const [id, file] = [...lecturesShownByCourses()][0] ?? [];
    expect(id).toBeDefined();
    const library = pages.get(`videos/${id}/index.html`) ?? '';
    const line = transcriptLines(library)[3] ?? '';
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${inject('baseURL')}/${file?.replace(/index\.html$/, '')}`);
    await page.locator('ls-lesson-notes .note-heading').first().waitFor();
    const lineButton = page
      .locator('.transcript-lines button', {
        hasText: line
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
          .slice(0, 30),
      })
      .first();
    await lineButton.scrollIntoViewIfNeeded();
    await lineButton.click();
    await expect.poll(() => lineButton.getAttribute('aria-current')).toBe('time');
    await page.close();
  });

  it("takes the lecture's quiz from the lecture's page and scores it", async () => {
    const [id, file] = [...lecturesShownByCourses()][0] ?? [];
    const questions = JSON.parse(/id="lesson-quiz-data">([^<]*)</.exec(pages.get(`videos/${id}/index.html`) ?? '')?.[1] ?? '[]') as Array<{ answer: number }>;
    expect(questions.length).toBeGreaterThan(2);
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${inject('baseURL')}/${file?.replace(/index\.html$/, '')}`);
    await page.getByRole('tab', { name: 'Quiz' }).click();
    // The quiz loads when it comes into view, as a learner scrolls to it.
    await page.locator('#lesson-quiz .quiz-block').scrollIntoViewIfNeeded();
    const fieldsets = page.locator('#lesson-quiz fieldset.quiz-question');
    await expect.poll(() => fieldsets.count()).toBe(questions.length);
    for (const [i, q] of questions.entries()) await fieldsets.nth(i).getByRole('radio').nth(q.answer).check();
    await page.locator('#lesson-quiz').getByRole('button', { name: 'Check my answers' }).click();
    await expect.poll(() => page.locator('#lesson-quiz .quiz-score').textContent()).toContain(`${questions.length} of ${questions.length}`);
    await page.close();
  });
});
