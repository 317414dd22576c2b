import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { pageTypes } from './support/page-types.ts';

let browser: Browser;
let base: string;
beforeAll(async () => {
  browser = await launchBrowser();
  base = inject('baseURL');
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, options: Parameters<typeof newPage>[1] = {}): Promise<Page> {
  const page = await newPage(browser, options);
  await page.goto(base + path);
  return page;
}

describe('catalog', () => {
  it('lists the published courses with chapter count, length, level and a progress bar', async () => {
    const page = await open('/');
    const cards = page.locator('.course-card');
    await expect(cards.count()).resolves.toBeGreaterThanOrEqual(2);
    const nn = cards.filter({ hasText: 'Neural Networks, Visually' });
    await expect(nn.innerText()).resolves.toMatch(/3 chapters/);
    await expect(nn.innerText()).resolves.toMatch(/Beginner/);
    await expect(nn.locator('ls-course-progress').count()).resolves.toBe(1);
    await expect(nn.locator('a').first().getAttribute('href')).resolves.toBe('/courses/neural-networks/');
  });
});

describe('course page', () => {
  it('shows the syllabus with a type icon, title and length per item and a start button', async () => {
    const page = await open(pageTypes.course);
    await expect(page.locator('h1').innerText()).resolves.toBe('Neural Networks, Visually');
    const chapters = page.locator('.syllabus > li');
    await expect(chapters.count()).resolves.toBe(3);
    const first = chapters.first().locator('.items li').first();
    const icon = first.locator('.type-icon[data-type="video"]');
    await expect(icon.count()).resolves.toBe(1);
    // Drawn by CSS from the icon file, at its size.
    await expect(icon.evaluate((el) => [getComputedStyle(el).maskImage, el.getBoundingClientRect().width])).resolves.toEqual([
      expect.stringContaining('/icons/video.svg'),
      20,
    ]);
    await expect(first.innerText()).resolves.toMatch(/Video · \d+ min/);
    await expect(page.locator('.syllabus ls-item-status').count()).resolves.toBeGreaterThan(10);
    await expect(
      page
        .getByRole('link', { name: /start|continue/i })
        .first()
        .getAttribute('href'),
    ).resolves.toBe(pageTypes['video item']);
  });

  it('marks course pages for search with course and type filters', async () => {
    const page = await open(pageTypes.course);
    const body = page.locator('[data-pagefind-body]');
    await expect(body.count()).resolves.toBe(1);
    await expect(body.locator('[data-pagefind-filter="type:Course"]').count()).resolves.toBe(1);
    await expect(body.locator('[data-pagefind-filter="course:Neural Networks, Visually"]').count()).resolves.toBe(1);
    await expect(page.locator('header.site-header[data-pagefind-ignore], footer[data-pagefind-ignore]').count()).resolves.toBe(2);
  });

  it('lists a chapter’s legacy video first, as its own item page', async () => {
    const page = await open('/courses/linear-algebra/');
    await expect(page.locator('.syllabus > li').first().locator('.items a').first().getAttribute('href')).resolves.toBe(pageTypes['legacy chapter video']);
    const item = await open(pageTypes['legacy chapter video']);
    await expect(item.locator('[data-lite-youtube]').getAttribute('data-video-id')).resolves.toBe('fNk_zzaMoSs');
  });
});

describe('item pages', () => {
  it('renders a reading’s MDX with callouts, figures and highlighted code', async () => {
    const page = await open(pageTypes['text item']);
    await expect(page.locator('h1').innerText()).resolves.toBe('Neurons as numbers');
    await expect(page.locator('.callout[data-type="tip"]').count()).resolves.toBe(1);
    await expect(page.locator('figure.figure img').getAttribute('src')).resolves.toBe('/files/neural-networks/network-layers.svg');
    await expect(page.locator('figure.figure figcaption').innerText()).resolves.toContain('784 inputs');
    await expect(page.locator('pre.astro-code').count()).resolves.toBeGreaterThan(1);
    await expect(page.locator('[data-pagefind-filter="type:Reading"]').count()).resolves.toBe(1);
  });

  it('shows breadcrumbs, the chapter sidebar with the current item, and a completion toggle', async () => {
    const page = await open(pageTypes['text item']);
    await expect(page.locator('nav.breadcrumbs li').allInnerTexts()).resolves.toEqual([
      'Courses',
      'Neural Networks, Visually',
      'What is a neural network?',
      'Neurons as numbers',
    ]);
    const sidebar = page.locator('nav.chapter-sidebar');
    // The current chapter lists its items; the other two are links to their first item.
    await expect(sidebar.locator('details[open]').count()).resolves.toBe(1);
    await expect(sidebar.locator('a.sidebar-chapter').count()).resolves.toBe(2);
    await expect(sidebar.locator('a.sidebar-chapter').first().getAttribute('href')).resolves.toBe('/courses/neural-networks/02-gradient-descent/01-lecture/');
    await expect(sidebar.locator('a[aria-current="page"]').innerText()).resolves.toContain('Neurons as numbers');
    await expect(page.locator('ls-complete-toggle').count()).resolves.toBe(1);
  });

  it('links previous and next across chapter boundaries', async () => {
    const page = await open(pageTypes['resource item']);
    await expect(page.locator('a[rel="next"]').getAttribute('href')).resolves.toBe('/courses/neural-networks/02-gradient-descent/01-lecture/');
    await expect(page.locator('a[rel="prev"]').getAttribute('href')).resolves.toBe(pageTypes['quiz item']);
  });

  it('shows an assignment’s points, due date, rubric and how to submit', async () => {
    const page = await open(pageTypes['assignment item']);
    const text = await page.locator('main').innerText();
    expect(text).toContain('January 15, 2027');
    expect(text).toMatch(/How to submit/);
    await expect(page.locator('table tbody tr').count()).resolves.toBe(4);
    await expect(page.locator('table tfoot').innerText()).resolves.toContain('20');
  });

  it('opens an external resource in a new tab without leaking the opener', async () => {
    const page = await open(pageTypes['resource item']);
    const link = page.locator('.resource a.button');
    await expect(link.getAttribute('href')).resolves.toBe('http://neuralnetworksanddeeplearning.com/chap1.html');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
  });

  it('offers a local file resource as a download with its type and size', async () => {
    const page = await open('/courses/neural-networks/03-backpropagation/07-backprop-cheat-sheet/');
    const link = page.locator('.resource a[download]');
    await expect(link.count()).resolves.toBe(1);
    await expect(page.locator('.resource').innerText()).resolves.toMatch(/[A-Z]+, \d+(\.\d)? (B|KB|MB)/);
  });
});

describe('quiz', () => {
  it('scores the answers, explains each question, and can be retried', async () => {
    const page = await open(pageTypes['quiz item']);
    const quiz = page.locator('form.quiz');
    await quiz.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => !document.querySelector('astro-island[component-url*="Quiz"][ssr]'));
    // Answers from the sample quiz: 0, 1, 2, 2, 0, 1; answer the first wrongly.
    const picks = [1, 1, 2, 2, 0, 1];
    const fieldsets = quiz.locator('fieldset');
    await expect(fieldsets.count()).resolves.toBe(6);
    await quiz.getByRole('button', { name: 'Check my answers' }).click();
    await expect(quiz.locator('[role="alert"]').innerText()).resolves.toMatch(/questions 1, 2, 3, 4, 5, 6 are still open/);
    for (const [i, choice] of picks.entries()) await fieldsets.nth(i).locator('input[type="radio"]').nth(choice).check();
    await quiz.getByRole('button', { name: 'Check my answers' }).click();
    const result = quiz.locator('.quiz-result');
    await expect(result.innerText()).resolves.toMatch(/5 of 6.*83%.*passed/s);
    await expect(page.evaluate(() => document.activeElement?.classList.contains('quiz-result'))).resolves.toBe(true);
    await expect(fieldsets.nth(0).getAttribute('data-result')).resolves.toBe('incorrect');
    await expect(fieldsets.nth(0).locator('.quiz-feedback').innerText()).resolves.toContain('one input neuron per pixel');
    await expect(fieldsets.nth(1).getAttribute('data-result')).resolves.toBe('correct');
    await quiz.getByRole('button', { name: 'Retry the quiz' }).click();
    await expect(quiz.locator('.quiz-result').count()).resolves.toBe(0);
    await expect(quiz.locator('input:checked').count()).resolves.toBe(0);
  });

  it('keeps quiz answers out of the search index', async () => {
    const page = await open(pageTypes['quiz item']);
    await expect(page.locator('[data-pagefind-ignore] form.quiz').count()).resolves.toBe(1);
  });
});

describe('site frame', () => {
  it('remembers the chosen theme and applies it before the first paint', async () => {
    const page = await open('/', { colorScheme: 'light' });
    await page.locator('[data-theme-toggle]').click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    // Record the theme at the moment <body> is parsed, i.e. before anything is painted.
    await page.context().addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        (window as unknown as { themeAtBody?: string }).themeAtBody = document.documentElement.dataset.theme ?? 'none';
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await expect(page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).resolves.toBe('dark');
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await expect(page.locator('[data-theme-toggle]').getAttribute('aria-pressed')).resolves.toBe('true');
  });

  it('has a skip link, landmarks, a canonical URL and Open Graph tags', async () => {
    const page = await open(pageTypes.course);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await expect(page.locator('header, nav[aria-label="Main"], main#main, footer').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(page.locator('link[rel="canonical"]').getAttribute('href')).resolves.toMatch(/\/courses\/neural-networks\/$/);
    await expect(page.locator('meta[property="og:title"]').getAttribute('content')).resolves.toBe('Neural Networks, Visually');
    await expect(page.locator('meta[name="description"]').getAttribute('content')).resolves.toContain('neural networks');
  });

  it('serves a friendly 404 page', async () => {
    const page = await newPage(browser);
    const response = await page.goto(base + pageTypes['not found']);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/couldn’t find/);
    await expect(page.locator('main a[href="/"]').count()).resolves.toBe(1);
  });

  it('publishes the courses in RSS and the sitemap, without the admin page', async () => {
    const dist = join(process.cwd(), 'dist');
    const rss = readFileSync(join(dist, 'rss.xml'), 'utf8');
    expect(rss).toContain('<title>Neural Networks, Visually</title>');
    const sitemap = readFileSync(join(dist, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/courses/neural-networks/01-what-is-a-network/02-neurons-as-numbers/');
    expect(sitemap).not.toContain('/admin/');
    expect(existsSync(join(dist, 'admin'))).toBe(false);
  });
});
