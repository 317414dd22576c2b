import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fixtureFailure, fixtureQuizOff, fixtureReviewedQuiz, fixtureVideos } from './support/fixture-site.ts';
import { fake, withFakeYouTube, type FakeState } from './support/fake-youtube.ts';

// The shared fixture's production build (support/fixture-site.ts): videos in known states.
const fixture = inject('fixture');
const server = { url: fixture.url };
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
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
    const ids = await blocks.evaluateAll((els) => els.map((e) => Number(e.id.slice(2))));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! - ids[i - 1]!).toBeGreaterThanOrEqual(60);
    // The lines become buttons once the transcript island hydrates, later on a busy machine.
    await expect.poll(() => page.locator('.transcript button[data-start-ms]').count(), { timeout: 15_000 }).toBeGreaterThan(20);
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
    await page.evaluate(
      (seconds) => {
        const state = (window as unknown as { fakeYT: FakeState }).fakeYT;
        state.time = seconds;
        state.playing = true;
      },
      target / 1000 + 0.2,
    );
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
    await hydrated(page, 'Transcript');
    const starts = await page.locator('.transcript button[data-start-ms]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.startMs)));
    const target = starts[30]!;
    const seconds = Math.floor(target / 1000) + 1;
    await page.goto(`${server.url}${videoPage}?t=${seconds}`);
    const marked = page.locator('.transcript button.is-target, .transcript button[aria-current="time"]');
    await expect.poll(() => marked.first().getAttribute('data-start-ms')).toBe(String(target));
    await expect
      .poll(() =>
        marked.first().evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= innerHeight;
        }),
      )
      .toBe(true);
    await page.getByRole('button', { name: /^Play video/ }).click();
    await expect(page.locator('[data-lite-youtube] iframe').getAttribute('src')).resolves.toContain(`start=${seconds}`);
  });

  it('filters the transcript by a search word', async () => {
    const page = await newPage(browser);
    await page.goto(server.url + videoPage);
    await hydrated(page, 'Transcript');
    // The island reads its lines from the page after hydrating: count them once they are there.
    const lines = page.locator('.transcript button[data-start-ms]');
    await expect.poll(() => lines.count()).toBeGreaterThan(0);
    const all = await lines.count();
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

  it("tells learners a failed video's notes are being prepared, never the pipeline's error", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/videos/${fixtureVideos.failed}/`);
    const notice = page.locator('.video-status[data-status="failed"]');
    await expect(notice.innerText()).resolves.toBe('Notes for this lecture are being prepared. You can already watch it.');
    await expect(page.locator('body').innerText()).resolves.not.toContain(fixtureFailure);
    await expect(page.locator('[data-lite-youtube]').count()).resolves.toBe(1);
    await expect(page.locator('.transcript').count()).resolves.toBe(0);
  });

  it('says plainly when a course video is still pending, and the course says videos are processing', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/courses/linear-algebra/04-composition/01-lecture/`);
    await expect(page.locator('.video-status[data-status="pending"]').innerText()).resolves.toBe(
      'Notes for this lecture are being prepared. You can already watch it.',
    );
    await page.goto(`${server.url}/courses/linear-algebra/`);
    await expect(page.locator('.course-status').innerText()).resolves.toContain('Some videos are still being processed');
  });

  it('labels the generated quiz as auto-extracted, and as reviewed once the instructor marked it so', async () => {
    const page = await newPage(browser);
    await page.goto(server.url + videoPage);
    await expect(page.locator('.quiz-area .provenance').innerText()).resolves.toMatch(/^Quiz auto-extracted from the transcript$/i);
    await page.goto(`${server.url}/videos/${fixtureReviewedQuiz}/`);
    await expect(page.locator('.quiz-area .provenance').innerText()).resolves.toMatch(/^Quiz reviewed by the instructor$/i);
  });

  it('hides the generated quiz of a video item with quiz: false, and passing it elsewhere does not complete the item', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/courses/${fixtureQuizOff.item}/`);
    await expect(page.locator('[data-lite-youtube]').count()).resolves.toBe(1);
    await expect(page.locator('.video-notes').count()).resolves.toBe(1);
    await expect(page.locator('form.quiz').count()).resolves.toBe(0);

    // The same video's quiz on its library page, answered right, completes nothing in the course.
    const quizFile = join(fixture.content, `generated/videos/${fixtureQuizOff.video}/quiz.yaml`);
    const answers = (parse(readFileSync(quizFile, 'utf8')) as { questions: { answer: number }[] }).questions.map((q) => q.answer);
    await page.goto(`${server.url}/videos/${fixtureQuizOff.video}/`);
    await page.getByRole('tab', { name: 'Quiz' }).click();
    await hydrated(page, 'Quiz');
    const fieldsets = page.locator('form.quiz fieldset');
    for (const [i, answer] of answers.entries()) await fieldsets.nth(i).locator('input[type="radio"]').nth(answer).check();
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await expect(page.locator('form.quiz').innerText()).resolves.toContain(`You scored ${answers.length} of ${answers.length}`);
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('learnspace:progress'))) ?? '{}') as {
      items?: Record<string, { completed: boolean }>;
    };
    expect(stored.items?.[fixtureQuizOff.item]?.completed ?? false).toBe(false);
  });

  it('groups the library by what learners get, a failed video with the ones still to come', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/videos/`);
    await expect(page.locator('#group-completed').count()).resolves.toBe(1);
    await expect(page.locator(`section:has(#group-pending) a[href="/videos/${fixtureVideos.pending}/"]`).count()).resolves.toBe(1);
    await expect(page.locator(`section:has(#group-pending) a[href="/videos/${fixtureVideos.failed}/"]`).count()).resolves.toBe(1);
    await expect(page.locator('#group-failed').count()).resolves.toBe(0);
  });
});
