/**
 * `astro dev` runs every content rule: an invalid edit shows the check's
 * file-and-field message in the error overlay (never the stale page with 200),
 * and fixing the file brings the page back. Runs on a temporary copy of the
 * small validation fixture, served on 127.0.0.1. Each case puts back the files
 * it edited and waits for the site to serve again, so one failing case cannot
 * fail the next.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { holdHmrConnection, type HmrConnection } from './support/hmr.ts';
import { validFixtureSite } from './support/site-root.ts';
import { astroEnv, eventually, startAstroDev } from './support/dev-server.ts';
import { saveScreenshot } from './support/screenshots.ts';

const project = process.cwd();
const fixture = join(project, 'tests', 'fixtures', 'content-valid');
const quizFile = 'content/courses/demo/01-start/03-quiz.yaml';
const lectureFile = 'content/courses/demo/01-start/01-lecture.yaml';
const quizPath = '/courses/demo/01-start/03-quiz/';
const brokenMessage = `${quizFile}: questions[1].answer: expected 0-3 (one of the 4 choices), got 7`;

let root: string;
let baseURL: string;
let dev: ChildProcess;
let output = '';
let browser: Browser;
let hmr: HmrConnection;
const originals = new Map<string, string>();

const statusOf = async (path: string) => (await fetch(baseURL + path, { signal: AbortSignal.timeout(15_000) })).status;
const serves = (path: string, status: number, ms = 30_000) => eventually(async () => (await statusOf(path)) === status, ms);

/** Replaces `from` by `to` in a content file, remembering the file as it was for afterEach. */
const edit = (file: string, from: string | RegExp, to: string) => {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (!originals.has(path)) originals.set(path, text);
  writeFileSync(path, text.replace(from, to));
};

/** A fresh tab on `path`; with `lateSocket`, its Vite client arrives a second late, as on a busy machine. */
const openTab = async (path: string, { lateSocket = false } = {}): Promise<Page> => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  if (lateSocket) {
    await page.route(/\/@vite\/client$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1_000));
      await route.continue();
    });
  }
  await page.goto(baseURL + path);
  return page;
};

beforeAll(async () => {
  root = validFixtureSite('learnspace-dev-');
  ({ dev, baseURL } = await startAstroDev(project, root, astroEnv(root, 'development'), (chunk) => (output += chunk)));
  // The first request waits for Vite to bundle dependencies, slow on a busy machine.
  if (!(await serves(quizPath, 200, 240_000))) throw new Error(`astro dev did not serve ${quizPath}:\n${output}`);
  // A tab kept open for the whole file: Vite sends errors at once to the tabs it has, and keeps one
  // for the next tab only while none is connected (see support/hmr.ts), as with an instructor's open tab.
  hmr = await holdHmrConnection(baseURL);
  browser = await launchBrowser();
}, 300_000);

afterEach(async () => {
  for (const [path, text] of originals) writeFileSync(path, text);
  originals.clear();
  for (const context of browser?.contexts() ?? []) await context.close();
  if (dev?.exitCode === null && !(await serves(quizPath, 200)))
    throw new Error(`the site did not recover after the case put its files back:\n${output.slice(-4000)}`);
});

afterAll(async () => {
  hmr?.close();
  await browser?.close();
  dev?.kill('SIGTERM');
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('astro dev with an invalid content edit', () => {
  it('answers 500 with the check message instead of the stale page, and the page again once fixed', async () => {
    const page = await openTab(quizPath);
    await expect.poll(() => page.getByRole('heading', { name: 'Check yourself' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);

    edit(quizFile, 'answer: 2', 'answer: 7');
    expect(await serves(quizPath, 500), `the page kept answering 200:\n${output}`).toBe(true);
    expect(output).toContain(brokenMessage);
    // The open tab heard the error, as an instructor's open tab would.
    await expect.poll(() => hmr.messages.some((m) => m.type === 'error'), { timeout: 10_000 }).toBe(true);

    edit(quizFile, 'answer: 7', 'answer: 2');
    expect(await serves(quizPath, 200)).toBe(true);
    const fixed = await openTab(quizPath);
    await expect.poll(() => fixed.getByRole('heading', { name: 'Check yourself' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Give a stale error time to arrive over the new tab's socket before checking it did not.
    await fixed.waitForTimeout(1_500);
    expect(await fixed.getByText(brokenMessage).count()).toBe(0);
  }, 120_000);

  it('shows the message in the overlay of a tab opened while the file is broken, even one slow to connect', async () => {
    edit(quizFile, 'answer: 2', 'answer: 7');
    expect(await serves(quizPath, 500), `the page kept answering 200:\n${output}`).toBe(true);
    // Astro sends the overlay 200 ms after the page's response, before this tab's socket is up.
    const broken = await openTab(quizPath, { lateSocket: true });
    await expect.poll(() => broken.getByText(brokenMessage).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await broken.getByText('npm run check').count()).toBeGreaterThan(0);
    await saveScreenshot(broken, 'dev-overlay-content-problem');
  }, 90_000);

  it('catches a rule that spans files: an item pointing at a mistyped library video', async () => {
    edit(lectureFile, /video: \S+/, 'video: aircAruvKnk');
    expect(await serves('/', 500)).toBe(true);
    expect(output).toContain('01-lecture.yaml: video: expected a video in the library, got "aircAruvKnk": did you mean "aircAruvnKk"');
    edit(lectureFile, 'video: aircAruvKnk', readFileSync(join(fixture, lectureFile), 'utf8').match(/video: \S+/)![0]);
    expect(await serves('/', 200)).toBe(true);
  }, 90_000);
});

describe('astro build on its own with an invalid content file', () => {
  it("stops with the check's message and no stack trace", async () => {
    dev.kill('SIGTERM');
    await new Promise((r) => dev.once('exit', r));
    edit(quizFile, 'answer: 2', 'answer: 7');
    let out = '';
    let status = 0;
    try {
      execFileSync(join(project, 'node_modules', '.bin', 'astro'), ['build', '--outDir', join(root, 'dist')], {
        cwd: root,
        env: astroEnv(root, 'production'),
        stdio: 'pipe',
      });
    } catch (error) {
      const e = error as { status: number; stdout: Buffer; stderr: Buffer };
      status = e.status;
      out = e.stdout.toString() + e.stderr.toString();
    }
    expect(status).toBe(1);
    expect(out).toContain(brokenMessage);
    expect(out).not.toMatch(/Stack trace|\n\s+at .+:\d+:\d+/);
  }, 180_000);
});
