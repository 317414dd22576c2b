/**
 * TeX math on the built site (the shared fixture's formulas chapter): drawn as MathML by the browser
 * with scripts turned off, in the text's own colour in light and dark, accessible, and found by search.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { fixtureMath } from './support/fixture-site.ts';
import { seriousViolations } from './support/axe.ts';
import { saveScreenshot } from './support/screenshots.ts';

const { url } = inject('fixture');
const textPage = `${url}/courses/${fixtureMath.text}/`;
const quizPage = `${url}/courses/${fixtureMath.quiz}/`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Width and height of the first element matching `selector`, as laid out. */
const size = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);

describe('math', () => {
  it('draws formulas in text with no script: inline, display matrices and chemistry, prices left as text', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(textPage);
    const body = page.locator('.mdx-body');
    await expect(body.locator('math').count()).resolves.toBe(3);
    await expect(body.locator('math[display="block"] mtable mtr').count()).resolves.toBe(2);
    // The 2×2 matrix is laid out as two rows: taller than a line of text, wider than its four letters run together.
    const matrix = await size(page, 'math[display="block"] mtable');
    const line = await size(page, '.mdx-body p');
    expect(matrix.height).toBeGreaterThan(
      1.5 *
        (await page
          .locator('.mdx-body p')
          .first()
          .evaluate((p) => parseFloat(getComputedStyle(p).lineHeight))),
    );
    expect(line.height).toBeGreaterThan(0);
    await expect(body.innerText()).resolves.toContain('the book costs $5 and the workbook $10.');
    await expect(body.locator('.callout math msub').count()).resolves.toBe(1);
    await expect(body.locator('code').innerText()).resolves.toBe('$x$');
    // The annotation holds the TeX (for search and copying); it is not drawn.
    await expect(body.locator('annotation').first().isVisible()).resolves.toBe(false);
    const scripts = await page.locator('script[src]').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''));
    expect(scripts.filter((src) => /temml|katex|mathjax|math/i.test(src))).toEqual([]);
  });

  it('draws formulas in quiz prompts and choices', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(quizPage);
    const quiz = page.locator('main');
    await expect(quiz.locator('math mfrac').count()).resolves.toBeGreaterThanOrEqual(1);
    await expect(quiz.locator('label math, li math').count()).resolves.toBeGreaterThanOrEqual(3);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`writes formulas in the text's colour, legibly, in ${colorScheme}`, async () => {
      const page = await newPage(browser, { colorScheme, viewport: { width: 900, height: 800 } });
      await page.goto(textPage);
      const colours = await page
        .locator('.mdx-body p')
        .first()
        .evaluate((p) => {
          const mi = p.querySelector('math mi')!;
          return { text: getComputedStyle(p).color, formula: getComputedStyle(mi).color, background: getComputedStyle(document.body).backgroundColor };
        });
      expect(colours.formula).toBe(colours.text);
      expect(colours.formula).not.toBe(colours.background);
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, `math-${colorScheme}`);
    });
  }

  it('finds a page by a word that only a formula holds', async () => {
    const page = await newPage(browser);
    await page.goto(`${url}/search/?q=${fixtureMath.searchTerm}`);
    await page.locator(`#search-results[data-results-for="${fixtureMath.searchTerm}"]`).waitFor({ state: 'attached' });
    const hits = page.locator('.search-hit');
    await expect(hits.count()).resolves.toBe(1);
    await expect(hits.first().locator('a').first().getAttribute('href')).resolves.toContain(`/courses/${fixtureMath.text}/`);
  });
});
