/**
 * Quiz text as Markdown on the sample site: the composition quiz's NumPy
 * questions show inline code, a fenced block highlighted at build time, and a
 * question with 7 choices; answering shows the explanation with its code.
 * Screenshots at 375 and 1280 px, light and dark.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { join } from 'node:path';
import { saveScreenshot, screenshotDir } from './support/screenshots.ts';

const QUIZ_PAGE = '/courses/linear-algebra/04-composition/03-composition-quiz/';
/** The sample's NumPy questions: the fenced block (6th) and the 7 choices (7th). */
const CODE_QUESTION = 5;
const SEVEN_CHOICES = 6;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openQuiz(options: Parameters<typeof newPage>[1] = {}): Promise<{ page: Page; questions: Locator }> {
  const page = await newPage(browser, options);
  await page.goto(inject('baseURL') + QUIZ_PAGE);
  await page.locator('form.quiz').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => !document.querySelector('astro-island[component-url*="Quiz"][ssr]'));
  return { page, questions: page.locator('form.quiz fieldset') };
}

describe('quiz text with Markdown and code', () => {
  it('shows a fenced code block highlighted, inline code as code, and names the question by its prompt', async () => {
    const { page, questions } = await openQuiz();
    const question = questions.nth(CODE_QUESTION);
    const block = question.locator('.quiz-prompt pre.astro-code');
    await expect(block.innerText()).resolves.toContain('w = R @ S @ v');
    // Highlighted: keywords and numbers carry their own colours, set at build time.
    const colours = await block.locator('span[style]').evaluateAll((spans) => new Set(spans.map((s) => getComputedStyle(s).color)).size);
    expect(colours).toBeGreaterThan(2);
    await expect(question.locator('.quiz-prompt-text code').first().innerText()).resolves.toBe('@');
    await expect(question.locator('.quiz-choice code').first().innerText()).resolves.toBe('np.array([-1, 1])');
    await expect(question.getAttribute('aria-labelledby').then((id) => page.locator(`[id="${id}"]`).innerText())).resolves.toMatch(
      /^Question 6 of 7:[\s\S]*What is w\?$/,
    );
    // Markdown never reaches the learner as syntax.
    await expect(question.innerText()).resolves.not.toMatch(/```|`np\./);
    await page.close();
  });

  it('offers all 7 choices of a question and explains the answer with its code after checking', async () => {
    const { page, questions } = await openQuiz();
    await expect(questions.nth(SEVEN_CHOICES).locator('input[type=radio]').count()).resolves.toBe(7);
    for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).locator('input[type=radio]').first().check();
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const feedback = questions.nth(SEVEN_CHOICES).locator('.quiz-feedback');
    await expect(feedback.innerText()).resolves.toMatch(/^Not quite: the answer is “B @ A”\./);
    await expect(feedback.locator('.quiz-explanation code').first().innerText()).resolves.toBe('(B @ A) @ x');
    await page.close();
  });

  it('keeps a code block inside its question on a phone, and takes screenshots', async () => {
    for (const width of [375, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, questions } = await openQuiz({ viewport: { width, height: 900 }, colorScheme });
        const question = questions.nth(CODE_QUESTION);
        await question.scrollIntoViewIfNeeded();
        await saveScreenshot(page, `quiz-markdown-${width}-${colorScheme}`);
        await question.screenshot({ path: join(screenshotDir, `quiz-markdown-question-${width}-${colorScheme}.png`) });
        const fits = await question.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth);
        expect(fits, `${width} px ${colorScheme}`).toBe(true);
        await expect(page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).resolves.toBe(true);
        await page.close();
      }
    }
  });
});
