import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { pageTypes } from './support/page-types.ts';
import { seriousViolations } from './support/axe.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe-core: no serious or critical violation)', () => {
  for (const [type, path] of Object.entries(pageTypes)) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${type} page in ${colorScheme}`, async () => {
        const page = await newPage(browser, { colorScheme });
        await page.goto(inject('baseURL') + path);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  }

  it('keeps a visible focus ring on keyboard focus', async () => {
    const page = await newPage(browser);
    await page.goto(inject('baseURL') + pageTypes.course);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });
});
