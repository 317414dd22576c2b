/**
 * Review with spaced repetition, learner notes and bookmarks, and offline reading, in Chromium
 * over the built sample site, at 375 and 1280 px, light and dark (screenshots in tests/.artifacts/).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { pageTypes } from './support/page-types.ts';

const COURSE = pageTypes.course;
const LECTURE = pageTypes['video item'];
const TEXT = pageTypes['text item'];
const QUIZ = pageTypes['quiz item'];
const STORAGE_KEY = 'learnspace:progress';
const DAY = 24 * 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 9);
const patient = { timeout: 15_000 };
const views = [
  { name: '375-light', viewport: { width: 375, height: 812 }, colorScheme: 'light' as const },
  { name: '1280-dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' as const },
  { name: '375-dark', viewport: { width: 375, height: 812 }, colorScheme: 'dark' as const },
  { name: '1280-light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' as const },
];

let browser: Browser;
let base: string;
beforeAll(async () => {
  browser = await launchBrowser();
  base = inject('baseURL');
});
afterAll(async () => {
  await browser?.close();
});

/** A context of its own (own storage, caches and service workers); other hosts fail fast, as the offline player expects. */
async function newContext(view: (typeof views)[number]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: view.viewport, colorScheme: view.colorScheme });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort('blockedbyclient'));
  return { context, page: await context.newPage() };
}

async function stored(
  page: Page,
): Promise<{ reviews: Record<string, { due: number }>; marks: Record<string, { kind: string; seconds: number; text: string }> }> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{"reviews":{},"marks":{}}'), STORAGE_KEY);
}

const remaining = async (page: Page) => Number(/(\d+) cards? left/.exec((await page.locator('[data-remaining]').textContent()) ?? '')?.[1]);

describe('review with spaced repetition', () => {
  for (const view of [views[0]!, views[1]!]) {
    it(`brings cards of an opened lecture back a day later, graded by mouse and keys (${view.name})`, async () => {
      const { context, page } = await newContext(view);
      await page.clock.install({ time: T0 });
      await page.goto(base + '/review/');
      await expect.poll(() => page.locator('ls-review-session').getAttribute('data-state'), patient).toBe('empty');

      await page.goto(base + LECTURE);
      await page.goto(base + COURSE);
      await expect.poll(() => page.locator('.review-count [data-count]').textContent(), patient).toMatch(/^\d+ cards to review$/);
      const due = Number((await page.locator('.review-count [data-count]').textContent())!.split(' ')[0]);
      await expect.poll(() => page.locator('.site-nav ls-review-count [data-count]').textContent(), patient).toBe(String(due));

      await page.getByRole('link', { name: /cards to review/ }).click();
      await expect.poll(() => page.locator('ls-review-session').getAttribute('data-state'), patient).toBe('card');
      expect(await remaining(page)).toBe(due);
      const first = (await page.locator('[data-front]').textContent())!;
      await page.getByRole('button', { name: /Show answer/ }).click();
      await expect
        .poll(() => page.getByRole('link', { name: 'Watch this moment' }).getAttribute('href'))
        .toMatch(/^\/courses\/neural-networks\/01-what-is-a-network\/01-lecture\/\?t=\d+$/);
      await saveScreenshot(page, `review-answer-${view.name}`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: /^Good/ }).click();
      expect(await remaining(page)).toBe(due - 1);

      await page.keyboard.press('Space');
      await expect.poll(() => page.locator('[data-back]').isVisible()).toBe(true);
      await page.keyboard.press('4');
      expect(await remaining(page)).toBe(due - 2);
      expect(Object.keys((await stored(page)).reviews)).toHaveLength(2);

      // A day later the card graded Good is due again, before the cards never seen; the Easy one waits for days.
      await page.clock.setSystemTime(T0 + DAY);
      await page.reload();
      await expect.poll(() => page.locator('ls-review-session').getAttribute('data-state'), patient).toBe('card');
      expect(await remaining(page)).toBe(due - 1);
      expect(await page.locator('[data-front]').textContent()).toBe(first);
      await context.close();
    });
  }

  it('says when nothing is due and when the next card comes back', async () => {
    const { context, page } = await newContext(views[3]!);
    await page.clock.install({ time: T0 });
    await page.goto(base + QUIZ);
    await page.goto(base + '/review/');
    await expect.poll(() => page.locator('ls-review-session').getAttribute('data-state'), patient).toBe('card');
    while ((await page.locator('ls-review-session').getAttribute('data-state')) === 'card') {
      await page.keyboard.press('Space');
      await page.keyboard.press('4');
    }
    expect(await page.locator('ls-review-session').getAttribute('data-state')).toBe('done');
    await expect.poll(() => page.locator('[data-next]').textContent()).toMatch(/^The next card is due in \d+ d\.$/);
    await saveScreenshot(page, 'review-done-1280-light');
    await context.close();
  });
});

describe('notes and bookmarks on a video', () => {
  for (const view of views) {
    it(`adds a bookmark at a chosen time and a note, lists them here and on /progress/, and follows one back (${view.name})`, async () => {
      const { context, page } = await newContext(view);
      await page.goto(base + LECTURE);
      const at = page.getByLabel('At', { exact: true });
      await at.fill('1:05');
      await page.getByRole('button', { name: 'Bookmark this moment' }).click();
      await at.fill('0:30');
      await page.getByLabel('Note', { exact: true }).fill('Weights <b>and</b> biases: <img src=x onerror="document.title=1">');
      await page.getByRole('button', { name: 'Add note' }).click();
      await at.fill('9:99');
      await page.getByRole('button', { name: 'Bookmark this moment' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('At: write the time as minutes:seconds');

      const list = page.locator('ls-learner-marks [data-list] li');
      await expect.poll(() => list.count(), patient).toBe(2);
      expect(await list.first().textContent()).toContain('Weights <b>and</b> biases');
      expect(await page.locator('[data-list] img').count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Bookmark at 1:05' }).getAttribute('href')).toBe(`${LECTURE}?t=65`);
      await page.locator('ls-learner-marks').scrollIntoViewIfNeeded();
      await saveScreenshot(page, `marks-lecture-${view.name}`);
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(base + '/progress/');
      const mark = page.getByRole('link', { name: /at 1:05$/ });
      await expect.poll(() => mark.count(), patient).toBe(1);
      await saveScreenshot(page, `marks-progress-${view.name}`);
      await mark.click();
      await page.waitForURL(`**${LECTURE}?t=65`);
      await expect.poll(() => page.getByLabel('At', { exact: true }).inputValue(), patient).toBe('1:05');
      await context.close();
    });
  }

  it('exports notes, bookmarks and review states with progress', async () => {
    const { context, page } = await newContext(views[3]!);
    await page.goto(base + LECTURE);
    await page.getByRole('button', { name: 'Bookmark this moment' }).click();
    await page.goto(base + '/review/');
    await expect.poll(() => page.locator('ls-review-session').getAttribute('data-state'), patient).toBe('card');
    await page.keyboard.press('Space');
    await page.keyboard.press('3');
    await page.goto(base + '/progress/');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const file = JSON.parse(await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
    expect(file.version).toBe(3);
    expect(Object.values(file.marks)).toMatchObject([{ kind: 'bookmark', seconds: 0, href: LECTURE }]);
    expect(Object.keys(file.reviews)).toHaveLength(1);
    await context.close();
  });
});

describe('offline reading', () => {
  for (const view of [views[0]!, views[1]!]) {
    it(`saves a course and reads its lecture, reading, quiz and review without a network (${view.name})`, async () => {
      const { context, page } = await newContext(view);
      await page.goto(base + COURSE);
      await page.getByRole('button', { name: 'Save for offline reading' }).click();
      await expect.poll(() => page.locator('ls-save-offline [data-status]').textContent(), { timeout: 60_000 }).toContain('Saved in this browser');
      await saveScreenshot(page, `offline-saved-course-${view.name}`);

      await context.setOffline(true);
      await page.goto(base + LECTURE);
      expect(await page.locator('h1').textContent()).toBeTruthy();
      await expect.poll(() => page.locator('[data-offline-note]').isVisible(), patient).toBe(true);
      expect(await page.locator('[data-offline-note]').textContent()).toContain('needs a connection');
      // The item loads its transcript from the lecture's library page, saved with the course; on a phone it is behind its tab.
      const transcriptTab = page.getByRole('tab', { name: 'Transcript' });
      if (await transcriptTab.isVisible()) await transcriptTab.click();
      await expect.poll(() => page.locator('#lesson-transcript [data-start-ms]').count(), patient).toBeGreaterThan(10);
      await page.getByRole('button', { name: /^Play video/ }).click();
      expect(await page.locator('iframe').count()).toBe(0);
      await saveScreenshot(page, `offline-lecture-${view.name}`);

      await page.goto(base + TEXT);
      expect(await page.locator('main').textContent()).toContain('neuron');
      await page.goto(base + QUIZ);
      await page.locator('.quiz input[type="radio"]').first().check();
      await page.goto(base + '/review/');
      await expect.poll(() => page.locator('ls-review-session').getAttribute('data-state'), patient).toBe('card');

      // A page of a course never saved or visited is not there offline.
      const other = await page.goto(base + '/courses/linear-algebra/').catch(() => null);
      expect(other?.ok() ?? false).toBe(false);
      await context.close();
    });
  }
});
