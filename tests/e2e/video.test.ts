import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { serveDir, type StaticServer } from './support/server.ts';
import { buildVideoFixtureSite, fixtureFailure, fixtureVideos } from './support/fixture-site.ts';
import { fake, withFakeYouTube, type FakeState } from './support/fake-youtube.ts';

// Per process: several checkouts on one machine must not build into (and serve) each other's folder.
const fixtureRoot = join(tmpdir(), `learnspace-e2e-video-${process.pid}`);
let browser: Browser;
let server: StaticServer;
beforeAll(async () => {
  const { outDir } = buildVideoFixtureSite(fixtureRoot);
  server = await serveDir(outDir);
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(fixtureRoot, { recursive: true, force: true });
});

const videoPage = `/videos/${fixtureVideos.completed}/`;
const lecturePage = '/courses/neural-networks/01-what-is-a-network/01-lecture/';

async function hydrated(page: Page, component: string) {
  await page.locator(`astro-island[component-url*="${component}"]`).first().scrollIntoViewIfNeeded();
  await page.waitForFunction((c) => !document.querySelector(`astro-island[component-url*="${c}"][ssr]`), component);
}

describe('video page', () => {
  it('shows generated notes labelled as auto-extracted, with timestamped sections', async () => {
    const page = await newPage(browser);
    await page.goto(server.url + videoPage);
    await expect(page.locator('.video-notes .provenance').innerText()).resolves.toMatch(/auto-extracted from the transcript/i);
    const headings = page.locator('.video-notes [id^="n-"]');
    await expect(headings.count()).resolves.toBeGreaterThan(1);
    const id = await headings.first().getAttribute('id');
    await expect(headings.first().locator('a.timestamp').getAttribute('href')).resolves.toBe(`?t=${id!.slice(2)}`);
    await expect(page.locator('.video-notes script, .video-notes [onerror], .video-notes img').count()).resolves.toBe(0);
  });

  it('groups the transcript into minute blocks of clickable lines', async () => {
    const page = await newPage(browser);
    await page.goto(server.url + videoPage);
    const blocks = page.locator('.transcript-block h3[id^="t-"]');
    await expect(blocks.count()).resolves.toBeGreaterThan(3);
    const ids = (await blocks.evaluateAll((els) => els.map((e) => Number(e.id.slice(2)))));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! - ids[i - 1]!).toBeGreaterThanOrEqual(60);
    await expect(page.locator('.transcript button[data-start-ms]').count()).resolves.toBeGreaterThan(20);
  });

  it('creates the privacy-friendly embed only when the learner presses play', async () => {
    const page = await newPage(browser);
    await withFakeYouTube(page);
    await page.goto(server.url + videoPage);
    await expect(page.locator('[data-lite-youtube] iframe').count()).resolves.toBe(0);
    await page.getByRole('button', { name: /^Play video/ }).click();
    const src = await page.locator('[data-lite-youtube] iframe').getAttribute('src');
    expect(src).toMatch(new RegExp(`^https://www\\.youtube-nocookie\\.com/embed/${fixtureVideos.completed}\\?`));
    expect(src).toContain('enablejsapi=1');
  });

  it('seeks the player to a transcript line when it is clicked', async () => {
    const page = await newPage(browser);
    await withFakeYouTube(page);
    await page.goto(server.url + videoPage);
    await hydrated(page, 'Transcript');
    const line = page.locator('.transcript button[data-start-ms]').nth(12);
    const startMs = Number(await line.getAttribute('data-start-ms'));
    await line.click();
    await expect.poll(async () => (await fake(page)).calls.filter((c) => c[0] === 'seekTo')).toEqual([['seekTo', startMs / 1000]]);
    await expect(line.getAttribute('aria-current')).resolves.toBe('time');
  });

  it('highlights the line being spoken while the video plays', async () => {
    const page = await newPage(browser);
    await withFakeYouTube(page);
    await page.goto(server.url + videoPage);
    await hydrated(page, 'Transcript');
    await page.getByRole('button', { name: /^Play video/ }).click();
    const starts = await page.locator('.transcript button[data-start-ms]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.startMs)));
    const target = starts[20]!;
    await page.evaluate((seconds) => {
      const state = (window as unknown as { fakeYT: FakeState }).fakeYT;
      state.time = seconds;
      state.playing = true;
    }, target / 1000 + 0.2);
    await expect.poll(() => page.locator('.transcript button[aria-current="time"]').getAttribute('data-start-ms')).toBe(String(target));
  });

  it('seeks from a notes timestamp and from a quiz "review at" link', async () => {
    const page = await newPage(browser);
    await withFakeYouTube(page);
    await page.goto(server.url + videoPage);
    const stamp = page.locator('.video-notes a.timestamp').nth(1);
    const ms = Number(await stamp.getAttribute('data-seek-ms'));
    await stamp.click();
    await expect.poll(async () => (await fake(page)).calls.filter((c) => c[0] === 'seekTo').at(-1)).toEqual(['seekTo', ms / 1000]);
    expect(new URL(page.url()).search).toBe('');

    await page.getByRole('tab', { name: 'Quiz' }).click();
    await hydrated(page, 'Quiz');
    const quiz = page.locator('form.quiz');
    const questions = quiz.locator('fieldset');
    for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).locator('input').first().check();
    await quiz.getByRole('button', { name: 'Check my answers' }).click();
    const review = quiz.locator('a', { hasText: /^Review at \d+:\d\d$/ }).first();
    const reviewMs = Number(await review.getAttribute('data-seek-ms'));
    await review.click();
    await expect.poll(async () => (await fake(page)).calls.filter((c) => c[0] === 'seekTo').at(-1)).toEqual(['seekTo', reviewMs / 1000]);
  });

  it('lands on the moment a link points at (?t=) and starts the embed there', async () => {
    const page = await newPage(browser);
    await withFakeYouTube(page);
    await page.goto(server.url + videoPage);
    const starts = await page.locator('.transcript button[data-start-ms]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.startMs)));
    const target = starts[30]!;
    const seconds = Math.floor(target / 1000) + 1;
    await page.goto(`${server.url}${videoPage}?t=${seconds}`);
    const marked = page.locator('.transcript button.is-target, .transcript button[aria-current="time"]');
    await expect.poll(() => marked.first().getAttribute('data-start-ms')).toBe(String(target));
    await expect.poll(() => marked.first().evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })).toBe(true);
    await page.getByRole('button', { name: /^Play video/ }).click();
    await expect(page.locator('[data-lite-youtube] iframe').getAttribute('src')).resolves.toContain(`start=${seconds}`);
  });

  it('filters the transcript by a search word', async () => {
    const page = await newPage(browser);
    await page.goto(server.url + videoPage);
    await hydrated(page, 'Transcript');
    const all = await page.locator('.transcript button[data-start-ms]').count();
    await page.getByLabel('Search the transcript').fill('neuron');
    await expect.poll(() => page.locator('.transcript button[data-start-ms]').count()).toBeLessThan(all);
    const texts = await page.locator('.transcript .line-text').allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t.toLowerCase()).toContain('neuron');
    await expect(page.locator('.transcript-count').innerText()).resolves.toMatch(/\d+ lines? match/);
  });

  it('lists the courses that use the video', async () => {
    const page = await newPage(browser);
    await page.goto(server.url + videoPage);
    await expect(page.locator('.used-in a').getAttribute('href')).resolves.toBe(lecturePage);
  });

  it('says plainly when generation failed, with the error', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/videos/${fixtureVideos.failed}/`);
    const notice = page.locator('.video-status[data-status="failed"]');
    await expect(notice.innerText()).resolves.toContain(fixtureFailure);
    await expect(page.locator('[data-lite-youtube]').count()).resolves.toBe(1);
    await expect(page.locator('.transcript').count()).resolves.toBe(0);
  });

  it('says plainly when a course video is still pending, and the course says videos are processing', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/courses/linear-algebra/04-composition/01-lecture/`);
    await expect(page.locator('.video-status[data-status="pending"]').innerText()).resolves.toMatch(/not been generated yet/);
    await page.goto(`${server.url}/courses/linear-algebra/`);
    await expect(page.locator('.course-status').innerText()).resolves.toContain('Some videos are still being processed');
  });

  it('groups the library by status', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/videos/`);
    await expect(page.locator('#group-completed').count()).resolves.toBe(1);
    await expect(page.locator(`section:has(#group-pending) a[href="/videos/${fixtureVideos.pending}/"]`).count()).resolves.toBe(1);
    await expect(page.locator(`section:has(#group-failed) a[href="/videos/${fixtureVideos.failed}/"]`).count()).resolves.toBe(1);
  });
});
