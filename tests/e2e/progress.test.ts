import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';

const COURSE = '/courses/neural-networks/';
const QUIZ_FILE = 'content/courses/neural-networks/01-what-is-a-network/03-network-anatomy-quiz.yaml';
const QUIZ_PAGE = `${COURSE}01-what-is-a-network/03-network-anatomy-quiz/`;
const STORAGE_KEY = 'learnspace:progress';

/** The machine may be busy (parallel builds): give hydration and storage events time. */
const patient = { timeout: 10_000 };

let browser: Browser;
let base: string;
beforeAll(async () => {
  browser = await launchBrowser();
  base = inject('baseURL');
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a page and waits until the progress islands on it have read the learner's state. */
async function open(page: Page, path: string): Promise<Page> {
  await page.goto(base + path);
  await expect.poll(() => page.locator('[data-state="neutral"]').count(), patient).toBe(0);
  return page;
}

/** Links of the course's items in syllabus order, with their progress keys and types. */
async function courseItems(page: Page): Promise<{ key: string; href: string }[]> {
  await open(page, COURSE);
  return page
    .locator('.syllabus .items > li')
    .evaluateAll((rows) =>
      rows.map((row) => ({ key: row.querySelector('ls-item-status')!.getAttribute('data-key')!, href: row.querySelector('a')!.getAttribute('href')! })),
    );
}

async function barText(page: Page): Promise<string> {
  return (await page.locator('ls-course-progress .label').first().textContent()) ?? '';
}

async function completeByHand(page: Page, href: string): Promise<void> {
  await open(page, href);
  const box = page.getByRole('checkbox', { name: 'Completed' });
  if (!(await box.isChecked())) await box.check();
  await expect.poll(() => box.isChecked(), patient).toBe(true);
}

function percent(done: number, total: number): number {
  return Math.round((done / total) * 100);
}

describe('learner progress', () => {
  it('renders a neutral bar on the server and the real numbers after hydration', async () => {
    const html = await (await fetch(base + COURSE)).text();
    const bar = html.match(/<ls-course-progress[\s\S]*?<\/ls-course-progress>/)?.[0] ?? '';
    expect(bar).toContain('data-state="neutral"');
    expect(bar.replace(/<[^>]+>/g, '').trim()).toBe('');
    const page = await open(await newPage(browser), COURSE);
    await expect.poll(() => barText(page), patient).toBe('Not started yet');
  });

  it('shows completed items on the course page and catalog card after a reload', async () => {
    const page = await newPage(browser);
    const items = await courseItems(page);
    await completeByHand(page, items[0]!.href);
    await completeByHand(page, items[1]!.href);
    await open(page, COURSE);
    const expected = `2 of ${items.length} items done · ${percent(2, items.length)}%`;
    expect(await barText(page)).toBe(expected);
    expect(await page.locator(`ls-item-status[data-key="${items[0]!.key}"]`).getAttribute('data-state')).toBe('done');
    expect(await page.locator(`ls-item-status[data-key="${items[2]!.key}"]`).getAttribute('data-state')).toBe('todo');
    await open(page, '/');
    const card = page.locator('.course-card', { hasText: 'Neural Networks, Visually' });
    await expect.poll(() => card.locator('ls-course-progress .label').textContent(), patient).toBe(expected);
  });

  it('marks an item not done again when the learner unticks it', async () => {
    const page = await newPage(browser);
    const items = await courseItems(page);
    await completeByHand(page, items[0]!.href);
    await page.getByRole('checkbox', { name: 'Completed' }).uncheck();
    await open(page, COURSE);
    expect(await barText(page)).toBe('Not started yet');
  });

  it('completes a quiz item when the learner passes it', async () => {
    const quiz = parse(readFileSync(QUIZ_FILE, 'utf8')) as { questions: { answer: number }[] };
    const page = await open(await newPage(browser), QUIZ_PAGE);
    const fieldsets = page.locator('form.quiz fieldset');
    for (const [i, q] of quiz.questions.entries()) await fieldsets.nth(i).locator('input[type="radio"]').nth(q.answer).check();
    // A quiz completes by passing only: no checkbox to skip the pass mark.
    await expect(page.getByRole('checkbox', { name: 'Completed' }).count()).resolves.toBe(0);
    await expect(page.locator('ls-complete-toggle').innerText()).resolves.toContain('Pass the quiz (70% or more) to complete this item.');
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await expect.poll(() => page.locator('ls-complete-toggle').innerText(), patient).toContain('Completed: you passed this quiz.');
    await open(page, COURSE);
    const key = 'neural-networks/01-what-is-a-network/03-network-anatomy-quiz';
    expect(await page.locator(`ls-item-status[data-key="${key}"]`).getAttribute('data-state')).toBe('done');
  });

  it('keeps two tabs in sync', async () => {
    const first = await newPage(browser);
    const items = await courseItems(first);
    const second = await first.context().newPage();
    await completeByHand(second, items[0]!.href);
    await expect.poll(() => barText(first), patient).toBe(`1 of ${items.length} items done · ${percent(1, items.length)}%`);
    await expect.poll(() => first.locator(`ls-item-status[data-key="${items[0]!.key}"]`).getAttribute('data-state'), patient).toBe('done');
  });

  it('continues at the last visited unfinished item', async () => {
    const page = await newPage(browser);
    const items = await courseItems(page);
    await open(page, items[2]!.href);
    await open(page, COURSE);
    const link = page.locator('ls-continue-button a');
    await expect.poll(() => link.getAttribute('href'), patient).toBe(items[2]!.href);
    expect(await link.textContent()).toMatch(/^Continue: /);
  });

  it('exports progress to a file that restores it in a fresh browser', async () => {
    const page = await newPage(browser);
    const items = await courseItems(page);
    await completeByHand(page, items[0]!.href);
    await completeByHand(page, items[3]!.href);
    await open(page, '/progress/');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
    const file = await download.path();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 3 });

    const fresh = await open(await newPage(browser), '/progress/');
    await fresh.getByText('You have not started a course yet.').waitFor();
    await fresh.locator('input[type="file"]').setInputFiles(file);
    await fresh.getByRole('status').filter({ hasText: 'Imported' }).waitFor();
    await expect.poll(() => fresh.locator('[data-course="neural-networks"]').textContent(), patient).toMatch(`2 of ${items.length} items done`);
    await open(fresh, COURSE);
    expect(await barText(fresh)).toBe(`2 of ${items.length} items done · ${percent(2, items.length)}%`);
  });

  it('refuses to import a file that is not progress, and changes nothing', async () => {
    const page = await newPage(browser);
    const items = await courseItems(page);
    await completeByHand(page, items[0]!.href);
    await open(page, '/progress/');
    await page.locator('input[type="file"]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
    await page.getByRole('status').filter({ hasText: 'notes.json is not a Learnspace progress file' }).waitFor();
    expect(await page.locator('[data-course="neural-networks"]').textContent()).toContain(`1 of ${items.length} items done`);
  });

  it('completes a reading once its end has been in view', async () => {
    const page = await open(await newPage(browser), `${COURSE}01-what-is-a-network/02-neurons-as-numbers/`);
    await page.locator('ls-complete-toggle').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Completed' }).isChecked(), { timeout: 6000 }).toBe(true);
    expect(await page.locator('ls-complete-toggle .status').textContent()).toBe('Marked complete: you reached the end.');
  });

  it('resets progress only after confirming in a dialog', async () => {
    const page = await newPage(browser);
    const items = await courseItems(page);
    await completeByHand(page, items[0]!.href);
    await open(page, '/progress/');
    await page.getByRole('button', { name: 'Reset progress…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset all progress?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-course="neural-networks"]').waitFor();
    await page.getByRole('button', { name: 'Reset progress…' }).click();
    await dialog.getByRole('button', { name: 'Reset progress' }).click();
    await page.getByText('You have not started a course yet.').waitFor();
    expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY))!)).toEqual({
      version: 3,
      items: {},
      courses: {},
      reviews: {},
      marks: {},
    });
  });

  it('stops counting items the course no longer has', async () => {
    const page = await newPage(browser);
    const items = await courseItems(page);
    const stored = {
      version: 2,
      items: {
        'neural-networks/01-what-is-a-network/99-removed-item': { completed: true, completedAt: 1, changedAt: 1 },
        [items[0]!.key]: { completed: true, completedAt: 2, changedAt: 2 },
      },
      courses: { 'neural-networks': { lastItemKey: items[0]!.key, lastVisitedAt: 2 } },
    };
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, JSON.stringify(stored)]);
    await open(page, COURSE);
    expect(await barText(page)).toBe(`1 of ${items.length} items done · ${percent(1, items.length)}%`);
  });

  it('reads progress saved by the first version', async () => {
    const page = await newPage(browser);
    const items = await courseItems(page);
    const v1 = { version: 1, progress: [{ courseId: 'neural-networks', contentItemId: items[1]!.key, completed: true, completedAt: 5 }] };
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, JSON.stringify(v1)]);
    await open(page, COURSE);
    expect(await barText(page)).toBe(`1 of ${items.length} items done · ${percent(1, items.length)}%`);
  });
});

describe('learner progress when storage misbehaves', () => {
  async function stillUsable(page: Page, notice: RegExp): Promise<void> {
    const items = await courseItems(page);
    await expect.poll(() => page.locator('#progress-notice').textContent(), patient).toMatch(notice);
    await open(page, items[0]!.href);
    await expect.poll(() => page.locator('#progress-notice').textContent(), patient).toMatch(notice);
    const box = page.getByRole('checkbox', { name: 'Completed' });
    await box.check();
    await expect.poll(() => box.isChecked(), patient).toBe(true);
    await expect.poll(() => page.locator(`ls-item-status[data-key="${items[0]!.key}"]`).getAttribute('data-state'), patient).toBe('done');
    await page.locator('h1').waitFor();
  }

  it('drops corrupt saved progress with a notice and keeps working', async () => {
    const page = await newPage(browser);
    await page.addInitScript((key) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, '{"version":2,"items":{"x":{"completed":"yes"'); // truncated write
        sessionStorage.setItem('seeded', '1');
      }
    }, STORAGE_KEY);
    await stillUsable(page, /could not be read .*discarded/);
  });

  it('works in memory with a notice when localStorage throws on access', async () => {
    const page = await newPage(browser);
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await stillUsable(page, /progress will not be kept/);
  });

  it('works in memory with a notice when the storage quota is used up', async () => {
    const page = await newPage(browser);
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await stillUsable(page, /storage is full.*will not be kept/);
  });

  it('lets the learner dismiss the notice', async () => {
    const page = await newPage(browser);
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await open(page, COURSE);
    await page.locator('#progress-notice').getByRole('button', { name: 'Dismiss' }).click();
    await page.locator('#progress-notice').waitFor({ state: 'detached' });
  });
});

/** Gzip bytes of every script a built page loads: module scripts, inline scripts, islands and their imports. */
function pageScriptBytes(dist: string, htmlFile: string): number {
  const seen = new Set<string>();
  const follow = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g))
      follow(m[1]!.startsWith('/') ? join(dist, m[1]!) : join(file, '..', m[1]!));
  };
  const html = readFileSync(htmlFile, 'utf8');
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) follow(join(dist, m[1]!));
  for (const m of html.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) follow(join(dist, m[1]!));
  let inline = '';
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/(?:ld\+)?json)[^>]*>([\s\S]*?)<\/script>/g)) {
    inline += m[1];
    for (const i of m[1]!.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) follow(join(dist, i[1]!));
  }
  return [...seen].reduce((n, f) => n + gzipSync(readFileSync(f)).length, gzipSync(inline).length);
}

describe('JavaScript budget', () => {
  // The shared production build (the global setup builds it with NODE_ENV=production, so React's production build is measured).
  const dist = join(process.cwd(), 'dist');
  const pages = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
    );

  it('keeps a text item page under 60 KB of gzipped JavaScript', () => {
    const text = join(dist, 'courses/neural-networks/01-what-is-a-network/02-neurons-as-numbers/index.html');
    expect(pageScriptBytes(dist, text)).toBeLessThan(60 * 1024);
  });

  it('keeps every page under 120 KB of gzipped JavaScript', () => {
    const heavy = pages(dist)
      .map((file) => ({ page: relative(dist, file), kb: Math.round(pageScriptBytes(dist, file) / 1024) }))
      .filter((p) => p.kb >= 120);
    expect(heavy).toEqual([]);
  });
});
