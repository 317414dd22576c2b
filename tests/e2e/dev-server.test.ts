/**
 * `astro dev` runs every content rule: an invalid edit shows the check's
 * file-and-field message in the error overlay (never the stale page with 200),
 * and fixing the file brings the page back. Runs on a temporary copy of the
 * small validation fixture, served on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { holdHmrConnection, type HmrConnection } from './support/hmr.ts';
import { astroEnv, eventually, startAstroDev } from './support/dev-server.ts';
import { saveScreenshot } from './support/screenshots.ts';

const project = process.cwd();
const fixture = join(project, 'tests', 'fixtures', 'content-valid');
const quizFile = 'content/courses/demo/01-start/03-quiz.yaml';
const quizPath = '/courses/demo/01-start/03-quiz/';
const brokenMessage = `${quizFile}: questions[1].answer: expected 0-3 (one of the 4 choices), got 7`;

let root: string;
let baseURL: string;
let dev: ChildProcess;
let output = '';
let browser: Browser;
let hmr: HmrConnection;

const statusOf = async (path: string) => (await fetch(baseURL + path, { signal: AbortSignal.timeout(15_000) })).status;
const editQuiz = (from: string, to: string) => {
  const file = join(root, quizFile);
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'learnspace-dev-'));
  for (const name of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(project, name), join(root, name), { recursive: true });
  cpSync(join(fixture, 'content'), join(root, 'content'), { recursive: true });
  cpSync(join(fixture, 'public'), join(root, 'public'), { recursive: true });
  symlinkSync(join(project, 'node_modules'), join(root, 'node_modules'), 'dir');
  ({ dev, baseURL } = await startAstroDev(project, root, astroEnv(root, 'development'), (chunk) => (output += chunk)));
  // The first request waits for Vite to bundle dependencies, slow on a busy machine.
  const up = await eventually(async () => (await statusOf(quizPath)) === 200, 240_000);
  if (!up) throw new Error(`astro dev did not serve ${quizPath}:\n${output}`);
  // The test closes its tabs between edits and polls with fetch; without a listener, Vite would keep
  // an error from those polls and show it to the next tab as a stale overlay (see support/hmr.ts).
  hmr = await holdHmrConnection(baseURL);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  hmr?.close();
  await browser?.close();
  dev?.kill('SIGTERM');
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('astro dev with an invalid content edit', () => {
  it('shows the message in the error overlay instead of the stale page, and the page again once fixed', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(baseURL + quizPath);
    await expect.poll(() => page.getByRole('heading', { name: 'Check yourself' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);

    editQuiz('answer: 2', 'answer: 7');
    expect(await eventually(async () => (await statusOf(quizPath)) === 500, 30_000), `the page kept answering 200:\n${output}`).toBe(true);
    expect(output).toContain(brokenMessage);
    // A fresh tab: the open one reloads itself on the edit, and a navigation racing that reload is interrupted.
    await page.close();
    const broken = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await broken.goto(baseURL + quizPath);
    await expect.poll(() => broken.getByText(brokenMessage).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await broken.getByText('npm run check').count()).toBeGreaterThan(0);
    await saveScreenshot(broken, 'dev-overlay-content-problem');

    editQuiz('answer: 7', 'answer: 2');
    expect(await eventually(async () => (await statusOf(quizPath)) === 200, 30_000)).toBe(true);
    await broken.close();
    const fixed = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await fixed.goto(baseURL + quizPath);
    await expect.poll(() => fixed.getByRole('heading', { name: 'Check yourself' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Give a stale error time to arrive over the new tab's socket before checking it did not.
    await fixed.waitForTimeout(1_500);
    expect(await fixed.getByText(brokenMessage).count()).toBe(0);
    // The standing connection heard the error while the file was broken, as an open tab would.
    expect(hmr.messages.some((m) => m.type === 'error')).toBe(true);
  }, 120_000);

  it('catches a rule that spans files: an item pointing at a mistyped library video', async () => {
    const lecture = join(root, 'content/courses/demo/01-start/01-lecture.yaml');
    const before = readFileSync(lecture, 'utf8');
    writeFileSync(lecture, before.replace(/video: \S+/, 'video: aircAruvKnk'));
    expect(await eventually(async () => (await statusOf('/')) === 500, 30_000)).toBe(true);
    expect(output).toContain('01-lecture.yaml: video: expected a video in the library, got "aircAruvKnk": did you mean "aircAruvnKk"');
    writeFileSync(lecture, before);
    expect(await eventually(async () => (await statusOf('/')) === 200, 30_000)).toBe(true);
  }, 90_000);
});

describe('astro build on its own with an invalid content file', () => {
  it("stops with the check's message and no stack trace", async () => {
    dev.kill('SIGTERM');
    await new Promise((r) => dev.once('exit', r));
    editQuiz('answer: 2', 'answer: 7');
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
