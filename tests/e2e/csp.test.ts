/**
 * Every page carries a Content-Security-Policy that allows only what the site
 * needs, the site works under it (no violation while browsing and using
 * quizzes, search and the player), and markup injected at runtime cannot run
 * script.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string): Promise<Page> {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await page.goto(inject('baseURL') + path);
  await page.waitForLoadState('networkidle');
  return page;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

const pages = [
  '/',
  '/courses/neural-networks/',
  '/courses/neural-networks/01-what-is-a-network/02-neurons-as-numbers/',
  '/courses/neural-networks/01-what-is-a-network/03-network-anatomy-quiz/',
  '/courses/neural-networks/02-gradient-descent/01-lecture/',
  '/courses/neural-networks/02-gradient-descent/04-descend-by-hand/',
  '/courses/neural-networks/03-backpropagation/07-backprop-cheat-sheet/',
  '/courses/linear-algebra/01-vectors/video/',
  '/videos/',
  '/videos/IHZwWFHWa-w/',
  '/progress/',
  '/search/',
  '/no-such-page/',
];

describe('Content-Security-Policy', () => {
  it.each(pages)('%s declares a strict policy and loads without a violation', async (path) => {
    const page = await open(path);
    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    expect(policy).toMatch(/script-src 'self'[^;]*'sha256-/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-eval'/);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('lets a learner answer a quiz, search and start a video without a violation', async () => {
    const quiz = await open('/courses/neural-networks/01-what-is-a-network/03-network-anatomy-quiz/');
    const radios = quiz.locator('main input[type=radio]');
    await radios.first().waitFor();
    await radios.first().check();
    await quiz
      .getByRole('button', { name: /submit|check/i })
      .first()
      .click();
    expect(await violations(quiz)).toEqual([]);
    await quiz.close();

    const search = await open('/search/');
    await search.locator('input[type=search]').first().fill('gradient');
    await search.waitForTimeout(800);
    expect(await violations(search)).toEqual([]);
    await search.close();

    const video = await open('/videos/IHZwWFHWa-w/');
    await video.locator('main button').first().click();
    await video.waitForTimeout(300);
    expect(await violations(video)).toEqual([]);
    await video.close();
  });

  it('blocks an event handler injected into the page at runtime', async () => {
    const page = await open('/courses/neural-networks/');
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__ran = true">');
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    expect((await violations(page)).some((v) => v.startsWith('script-src'))).toBe(true);
    await page.close();
  });
});
