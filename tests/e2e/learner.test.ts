/**
 * A learner's view of issue 11 over the built sample site, at 375 px and 1280 px
 * in light and dark: quiz scores, the video page (tabs, transcript beside the
 * player, sentences), private thumbnails with no Google request before play,
 * counts and durations, /progress/ totals, breadcrumbs and accessible names.
 * Screenshots go to tests/.artifacts/screenshots/ for people to look at.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { pageTypes } from './support/page-types.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { fake, withFakeYouTube, type FakeState } from './support/fake-youtube.ts';

const QUIZ_FILE = 'content/courses/neural-networks/01-what-is-a-network/03-network-anatomy-quiz.yaml';
const QUIZ_KEY = 'neural-networks/01-what-is-a-network/03-network-anatomy-quiz';
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

async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(browser, options);
  await page.goto(base + path);
  return page;
}

/** Answers the sample quiz: right answers, or wrong ones for the first `wrong` questions. */
async function answerQuiz(page: Page, wrong = 0): Promise<void> {
  const quiz = parse(readFileSync(QUIZ_FILE, 'utf8')) as { questions: { answer: number; choices: string[] }[] };
  const form = page.locator('form.quiz');
  await form.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => !document.querySelector('astro-island[component-url*="Quiz"][ssr]'));
  for (const [i, q] of quiz.questions.entries()) {
    const choice = i < wrong ? (q.answer + 1) % q.choices.length : q.answer;
    await form.locator('fieldset').nth(i).locator('input[type="radio"]').nth(choice).check();
  }
  await form.getByRole('button', { name: 'Check my answers' }).click();
}

const nonLocal = (urls: string[]) => urls.filter((u) => !/^(data:|blob:|https?:\/\/(127\.0\.0\.1|localhost)[:/])/.test(u));

describe('nothing is fetched from Google before the learner presses play', () => {
  const visits = {
    catalog: pageTypes.catalog,
    course: pageTypes.course,
    'video item': pageTypes['video item'],
    'video library': pageTypes['video library'],
    'video page': pageTypes['video page'],
  };
  for (const [name, path] of Object.entries(visits)) {
    it(`${name}: every request goes to the site itself, and every thumbnail loads`, async () => {
      const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.context().on('request', (request) => requests.push(request.url()));
      await page.goto(base + path);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      for (const img of await page.locator('main img').all()) await img.scrollIntoViewIfNeeded();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      if (name === 'catalog')
        console.log(`network log of a catalog visit (${requests.length} requests):\n${requests.map((u) => `  ${u.replace(base, '')}`).join('\n')}`);
      expect(nonLocal(requests)).toEqual([]);
      const images = await page
        .locator('main img')
        .evaluateAll((imgs) => imgs.map((i) => ({ src: (i as HTMLImageElement).getAttribute('src'), ok: (i as HTMLImageElement).naturalWidth > 0 })));
      for (const image of images) {
        expect(image.src).toMatch(/^\/(thumbnails|files|images|icons)\//);
        expect(image, `${image.src} is broken`).toMatchObject({ ok: true });
      }
    });
  }

  it('asks YouTube (the no-cookie player) only once play is pressed', async () => {
    const page = await newPage(browser);
    const requests: string[] = [];
    page.context().on('request', (request) => requests.push(request.url()));
    await page.goto(base + pageTypes['video page']);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    expect(nonLocal(requests)).toEqual([]);
    await page.getByRole('button', { name: /^Play video/ }).click();
    await expect.poll(() => nonLocal(requests).some((u) => u.startsWith('https://www.youtube-nocookie.com/embed/')), patient).toBe(true);
  });

  it("serves a placeholder with the title's initials for a video without a stored thumbnail", async () => {
    const svg = await (await fetch(`${base}/thumbnails/aircAruvnKk.svg`)).text();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 480 270"/);
    expect(svg).toContain('>NN</text>');
  });
});

describe('quiz scores', () => {
  it('shows best score and attempts, reopens a passed quiz as its result, and offers a retake', async () => {
    const page = await open(pageTypes['quiz item'], { viewport: { width: 375, height: 800 } });
    await answerQuiz(page, 3);
    const form = page.locator('form.quiz');
    await expect
      .poll(() => form.locator('.quiz-result [data-quiz-record]').innerText(), patient)
      .toBe('Best score 50% · 1 attempt · not passed yet (pass mark 70%)');
    await form.getByRole('button', { name: 'Retry the quiz' }).click();
    await answerQuiz(page);
    await expect.poll(() => form.locator('.quiz-result [data-quiz-record]').innerText(), patient).toBe('Best score 100% · 2 attempts · passed');

    await page.reload();
    const passed = page.locator('.quiz-passed');
    await passed.scrollIntoViewIfNeeded();
    await expect.poll(() => passed.innerText(), patient).toMatch(/You passed this quiz\.\s*Best score 100% · 2 attempts · passed/);
    await expect(page.locator('form.quiz fieldset').count()).resolves.toBe(0);
    await saveScreenshot(page, 'scores-quiz-passed-375-light');
    await passed.getByRole('button', { name: 'Retake the quiz' }).click();
    await expect(page.locator('form.quiz fieldset').count()).resolves.toBe(6);
    await expect(page.locator('form.quiz input:checked').count()).resolves.toBe(0);
  });

  it('shows the best score beside the quiz in the sidebar and the syllabus, and spoken once', async () => {
    const page = await open(pageTypes['quiz item']);
    await answerQuiz(page, 2);
    const badge = page.locator(`.chapter-sidebar [data-score-for="${QUIZ_KEY}"]`);
    await expect.poll(() => badge.innerText(), patient).toBe('67%');
    await expect(page.locator(`.chapter-sidebar ls-item-status[data-key="${QUIZ_KEY}"] .label`).textContent()).resolves.toBe('Not completed, best score 67%');
    await expect(badge.getAttribute('aria-hidden')).resolves.toBe('true');
    await page.goto(base + pageTypes.course);
    await expect.poll(() => page.locator(`.syllabus [data-score-for="${QUIZ_KEY}"]`).innerText(), patient).toBe('67%');
  });

  it('lists every quiz of a started course on /progress/ with best score, attempts and result', async () => {
    const page = await open(pageTypes['quiz item']);
    await answerQuiz(page);
    await page.goto(base + pageTypes.progress);
    const row = page.locator(`tr[data-quiz="${QUIZ_KEY}"]`);
    await expect.poll(() => row.innerText(), patient).toMatch(/Quiz: anatomy of a network\s+100%\s+1\s+Passed/);
    await expect(page.locator('.quiz-scores tbody tr').count()).resolves.toBe(3);
    await expect(page.locator('tr[data-quiz$="gradient-descent-quiz"] td[data-result]').innerText()).resolves.toBe('Not tried');
  });
});

describe('/progress/ counts only the courses the learner started', () => {
  it('says how much of the started course is done, not of the whole catalog', async () => {
    const page = await open(pageTypes['text item']);
    await page.getByRole('checkbox', { name: 'Completed' }).check();
    await page.goto(base + pageTypes.progress);
    const total = await page.evaluate(async () => (await (await fetch('/courses/neural-networks/')).text()).match(/<ls-item-status/g)?.length ?? 0);
    await expect
      .poll(() => page.getByTestId('overall').innerText(), patient)
      .toBe(`1 of ${total} items done in the course you started · ${Math.round(100 / total)}%`);
  });
});

describe('counts and durations', () => {
  it('writes counts with singular and plural, lengths without fake minutes', async () => {
    const page = await open(pageTypes.course);
    const facts = await page.locator('.facts').innerText();
    expect(facts).toContain('3 chapters');
    expect(facts).toContain('4 videos · 4 readings · 3 quizzes · 2 assignments · 3 resources');
    expect(facts).toMatch(/about \d+ h( [1-9]\d? min)?\n/);
    const linear = await open('/courses/linear-algebra/');
    await expect(linear.locator('.facts').innerText()).resolves.toMatch(
      /\b1 (video|reading|quiz|assignment|resource)\b(?!s)|\b\d+ (videos|readings|quizzes|assignments|resources)\b/,
    );
    await expect(linear.locator('.facts').innerText()).resolves.not.toMatch(/\b1 (videos|readings|quizzes|assignments|resources|chapters)\b/);
    // A resource without authored minutes shows no length; one with minutes shows them.
    const meta = (title: string) => page.locator('.syllabus .items > li', { hasText: title }).locator('.item-meta').innerText();
    await expect(meta('Backpropagation cheat sheet')).resolves.toBe('Resource');
    await expect(meta('Neural Networks and Deep Learning, chapter 1')).resolves.toBe('Resource · 45 min');
    for (const text of await page.locator('.item-meta').allInnerTexts()) expect(text).not.toMatch(/ h 0\d min/);
  });

  it('puts the progress card and "Start the course" before the syllabus on a phone', async () => {
    const page = await open(pageTypes.course, { viewport: { width: 375, height: 800 } });
    const start = await page.locator('ls-continue-button a').boundingBox();
    const syllabus = await page.locator('#syllabus-heading').boundingBox();
    expect(start!.y).toBeLessThan(syllabus!.y);
    // Under the course's title and description, not 3,900 px down after the syllabus.
    expect(start!.y).toBeLessThan(1000);
  });
});

describe('video page', () => {
  it('on a phone: player first, then notes, transcript and quiz as keyboard-operable tabs', async () => {
    const page = await open(pageTypes['video page'], { viewport: { width: 375, height: 740 } });
    const tabs = page.getByRole('tablist', { name: 'Lesson material' }).getByRole('tab');
    await expect(tabs.allInnerTexts()).resolves.toEqual(['Notes', 'Transcript', 'Quiz']);
    const player = await page.locator('[data-lite-youtube]').boundingBox();
    const tablist = await page.getByRole('tablist').boundingBox();
    expect(player!.y + player!.height).toBeLessThanOrEqual(tablist!.y);
    await expect(page.getByRole('tab', { name: 'Notes' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.locator('#lesson-transcript').isHidden()).resolves.toBe(true);
    await page.getByRole('tab', { name: 'Notes' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Transcript');
    await expect(page.locator('#lesson-transcript').isVisible()).resolves.toBe(true);
    await expect(page.locator('#lesson-notes').isHidden()).resolves.toBe(true);
    await expect(page.getByRole('tabpanel', { name: 'Transcript' }).count()).resolves.toBe(1);
    // The page is a phone's few screens long, not 10,000 px of notes before the transcript.
    await expect(page.evaluate(() => document.documentElement.scrollHeight)).resolves.toBeLessThan(3500);
    await page.keyboard.press('End');
    await expect(page.locator('#lesson-quiz').isVisible()).resolves.toBe(true);
  });

  it('on a phone: the player stays in view above the current transcript line while playing', async () => {
    const page = await newPage(browser, { viewport: { width: 375, height: 740 } });
    await withFakeYouTube(page);
    await page.goto(base + pageTypes['video page']);
    await page.getByRole('tab', { name: 'Transcript' }).click();
    await page.waitForFunction(() => !document.querySelector('astro-island[component-url*="Transcript"][ssr]'));
    await page.getByRole('button', { name: /^Play video/ }).click();
    const starts = await page.locator('.transcript button[data-start-ms]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.startMs)));
    await page.evaluate(
      (seconds) => Object.assign((window as unknown as { fakeYT: FakeState }).fakeYT, { time: seconds, playing: true }),
      starts[25]! / 1000 + 0.1,
    );
    const current = page.locator('.transcript button[aria-current="time"]');
    await expect.poll(() => current.getAttribute('data-start-ms'), patient).toBe(String(starts[25]));
    await page.locator('#lesson-transcript').scrollIntoViewIfNeeded();
    const inView = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        });
    await expect.poll(() => inView('[data-lite-youtube]'), patient).toBe(true);
    await expect.poll(() => inView('.transcript button[aria-current="time"]'), patient).toBe(true);
    await saveScreenshot(page, 'video-page-playing-375-light');
    expect((await fake(page)).calls[0]).toEqual(['new']);
  });

  it('on a wide screen: the transcript sits beside the player and follows playback', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await withFakeYouTube(page);
    await page.goto(base + pageTypes['video item']);
    await expect(page.getByRole('tab', { name: 'Transcript' }).isHidden()).resolves.toBe(true);
    const player = (await page.locator('[data-lite-youtube]').boundingBox())!;
    const transcript = (await page.locator('#lesson-transcript').boundingBox())!;
    expect(transcript.x).toBeGreaterThanOrEqual(player.x + player.width);
    expect(Math.abs(transcript.y - player.y)).toBeLessThan(60);
    await page.waitForFunction(() => !document.querySelector('astro-island[component-url*="Transcript"][ssr]'));
    await page.getByRole('button', { name: /^Play video/ }).click();
    const starts = await page.locator('.transcript button[data-start-ms]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.startMs)));
    const target = starts.at(-5)!;
    await page.evaluate((seconds) => Object.assign((window as unknown as { fakeYT: FakeState }).fakeYT, { time: seconds, playing: true }), target / 1000 + 0.1);
    const current = page.locator('.transcript button[aria-current="time"]');
    await expect.poll(() => current.getAttribute('data-start-ms'), patient).toBe(String(target));
    await expect
      .poll(
        () =>
          current.evaluate((el) => {
            const box = el.closest('[data-transcript-scroll]')!.getBoundingClientRect();
            const r = el.getBoundingClientRect();
            return r.top >= box.top && r.bottom <= box.bottom && r.bottom <= innerHeight;
          }),
        patient,
      )
      .toBe(true);
  });

  it("reads the transcript as sentences, each with its time, without a heading repeating its first line's time", async () => {
    const page = await open(pageTypes['video page'], { viewport: { width: 1280, height: 900 } });
    // Once the island has taken the server's plain lines over (it is in view beside the player).
    await expect.poll(() => page.locator('.transcript button[data-start-ms]').count(), patient).toBeGreaterThan(20);
    const lines = await page.locator('.transcript .line-text').allInnerTexts();
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(line).toMatch(/^[A-Z0-9"“'‘(].*[.!?…]["”’)]?$/s);
    const blocks = await page
      .locator('.transcript-block')
      .evaluateAll((els) =>
        els.map((b) => ({ heading: b.querySelector('h3')!.textContent!.trim(), visible: getComputedStyle(b.querySelector('.line-time')!).visibility })),
      );
    for (const block of blocks) if (/^\d+:\d\d$/.test(block.heading)) expect(block.visible).toBe('hidden');
  });
});

describe('names that do not repeat', () => {
  it("ends a legacy chapter video's breadcrumb with what it is, not the chapter name again", async () => {
    const page = await open(pageTypes['legacy chapter video']);
    const crumbs = await page.locator('nav[aria-label="Breadcrumb"] li').allInnerTexts();
    expect(crumbs).toEqual(['Courses', 'Essence of Linear Algebra', 'Vectors, what even are they?', 'Video']);
    expect(new Set(crumbs).size).toBe(crumbs.length);
  });

  it('never says an item\'s type twice in an accessible name ("Quiz: Quiz: vectors")', async () => {
    const page = await open('/courses/linear-algebra/01-vectors/02-vectors-quiz/');
    const names = await page.locator('.chapter-sidebar .sidebar-items a').evaluateAll((links) => links.map((a) => a.textContent!.replace(/\s+/g, ' ').trim()));
    expect(names).toContain('Quiz: vectors');
    for (const name of names) expect(name).not.toMatch(/^(\w+): \1:/i);
  });
});
