/**
 * Screenshots of every page type at phone and desktop widths, light and dark, for people to look at
 * (tests/.artifacts/screenshots/), as a learner part-way through a course sees them; and nothing may
 * stick out sideways at phone width. The four views of a page are taken at once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { pageTypes } from './support/page-types.ts';
import { saveScreenshot } from './support/screenshots.ts';

const QUIZ_KEY = 'neural-networks/01-what-is-a-network/03-network-anatomy-quiz';
/** A learner who passed the first quiz after one failed try and read the first reading. */
const startedProgress = {
  version: 2,
  items: {
    [QUIZ_KEY]: { completed: true, completedAt: 2, changedAt: 2, visitedAt: 2, quiz: { attempts: 2, bestScore: 83, lastScore: 83, passedAt: 2 } },
    'neural-networks/01-what-is-a-network/02-neurons-as-numbers': { completed: true, completedAt: 1, changedAt: 1, visitedAt: 1 },
  },
  courses: { 'neural-networks': { lastItemKey: QUIZ_KEY, lastVisitedAt: 2 } },
};
const views = [375, 1280].flatMap((width) => (['light', 'dark'] as const).map((colorScheme) => ({ width, colorScheme })));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('screenshots', () => {
  it('captures every page type at 375 px and 1280 px in light and dark, none wider than the phone', async () => {
    const saved: string[] = [];
    for (const [type, path] of Object.entries(pageTypes)) {
      const shots = views.map(async ({ width, colorScheme }) => {
        const page = await newPage(browser, { viewport: { width, height: 900 }, colorScheme });
        await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), ['learnspace:progress', JSON.stringify(startedProgress)]);
        await page.goto(inject('baseURL') + path);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        saved.push(await saveScreenshot(page, `${type}-${width}-${colorScheme}`));
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        await page.context().close();
        return { width, scrollWidth };
      });
      for (const { width, scrollWidth } of await Promise.all(shots))
        if (width === 375) expect(scrollWidth, `${type} is wider than the phone`).toBeLessThanOrEqual(375);
    }
    expect(saved).toHaveLength(Object.keys(pageTypes).length * views.length);
  }, 300_000);
});
