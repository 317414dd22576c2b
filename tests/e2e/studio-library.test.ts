/**
 * The instructor studio's video library. A production build holds nothing of the studio (no page,
 * script or API), even with the /admin/ dashboard built in; under `astro dev` on a temporary copy
 * of the site the library adds, processes and retries videos live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { launchBrowser, newPage } from './support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import { validFixtureSite } from './support/site-root.ts';
import { astroEnv, eventually, startAstroDev } from './support/dev-server.ts';
import { saveScreenshot } from './support/screenshots.ts';

const project = process.cwd();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('a production build', () => {
  let root: string;
  let dist: string;

  beforeAll(() => {
    root = validFixtureSite('learnspace-studio-build-');
    dist = join(root, 'dist');
    // With the read-only dashboard and drafts built in, the widest a build gets.
    execFileSync(join(project, 'node_modules', '.bin', 'astro'), ['build', '--outDir', dist], {
      cwd: root,
      env: astroEnv(root, 'production', { LEARNSPACE_ADMIN: '1', LEARNSPACE_DRAFTS: '1' }),
      stdio: 'pipe',
    });
  }, 240_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('has no studio page, script or API, and its dashboard links to none', () => {
    expect(existsSync(join(dist, 'admin', 'index.html')), 'the dashboard is built').toBe(true);
    const leaks: string[] = [];
    for (const file of filesUnder(dist)) {
      if (!/\.(html|js|mjs|json|xml|txt|css|map)$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const marker of ['__studio', '/admin/videos/', '/admin/courses/', 'Studio home', 'learnspace-studio'])
        if (text.includes(marker)) leaks.push(`${relative(dist, file)}: ${marker}`);
    }
    expect(leaks).toEqual([]);
    expect(existsSync(join(dist, 'admin', 'videos'))).toBe(false);
    expect(existsSync(join(dist, '__studio'))).toBe(false);
  });
});

/** Presses Tab (or Shift+Tab) until `target` has the focus: proves it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${String(target)} with the keyboard`);
}

describe('the video library under astro dev', () => {
  let root: string;
  let baseURL: string;
  let dev: ChildProcess;
  let output = '';
  let browser: Browser;
  const captions = (id: string) => readFileSync(join(project, 'content', 'videos', `${id}.vtt`), 'utf8');
  const libraryFiles = () => readdirSync(join(root, 'content', 'videos')).sort();

  beforeAll(async () => {
    root = validFixtureSite('learnspace-studio-dev-');
    // YouTube is unreachable here: videos get their transcript from a caption file attached in the studio.
    ({ dev, baseURL } = await startAstroDev(project, root, astroEnv(root, 'development', { LEARNSPACE_NO_YOUTUBE: '1' }), (chunk) => (output += chunk)));
    const up = await eventually(async () => (await fetch(`${baseURL}/admin/videos/`, { signal: AbortSignal.timeout(60_000) })).status === 200, 240_000);
    if (!up) throw new Error(`astro dev did not serve /admin/videos/:\n${output}`);
    browser = await launchBrowser();
    // The first visit makes Vite bundle the islands' dependencies and reload the page; get that over with.
    const warmUp = await newPage(browser);
    await warmUp.goto(`${baseURL}/admin/videos/`);
    await warmUp.locator('li[data-video]').first().waitFor({ timeout: 120_000 });
    await warmUp.waitForTimeout(3000);
    await warmUp.context().close();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    dev?.kill('SIGTERM');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const card = (page: Page, id: string) => page.locator(`li[data-video="${id}"]`);

  it('adds a video by URL, attaches its captions and processes it to completed live, by keyboard alone', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseURL}/admin/videos/`);
    await expect.poll(() => page.getByText('aircAruvnKk').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    // A marker that a reload would wipe: everything below happens on this one page.
    await page.evaluate(() => ((window as unknown as { studioMarker: number }).studioMarker = 1));

    const before = libraryFiles();
    await tabTo(page, page.getByLabel('YouTube URL'));
    await page.keyboard.type('https://vimeo.com/76979871');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'is not on YouTube (host vimeo.com)' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByLabel('YouTube URL').getAttribute('aria-invalid')).toBe('true');
    expect(libraryFiles()).toEqual(before);

    await page.getByLabel('YouTube URL').fill('');
    await page.keyboard.type('https://www.youtube.com/watch?v=IHZwWFHWa-w&list=PLZHQObOWTQDNU6R1_67000Dx_ZCJB-3pi');
    await tabTo(page, page.getByLabel('Title (optional)'));
    await page.keyboard.type('Gradient descent, how neural networks learn');
    await page.keyboard.press('Enter');
    await expect.poll(() => card(page, 'IHZwWFHWa-w').count(), { timeout: 20_000 }).toBe(1);
    expect(await card(page, 'IHZwWFHWa-w').locator('[data-status]').textContent()).toBe('Pending');
    expect(parse(readFileSync(join(root, 'content', 'videos', 'IHZwWFHWa-w.yaml'), 'utf8'))).toEqual({
      youtubeVideoId: 'IHZwWFHWa-w',
      url: 'https://www.youtube.com/watch?v=IHZwWFHWa-w',
      title: 'Gradient descent, how neural networks learn',
    });

    const video = card(page, 'IHZwWFHWa-w');
    await tabTo(page, video.locator('summary', { hasText: 'Attach captions' }));
    await page.keyboard.press('Enter');
    await tabTo(page, video.getByLabel('Or paste captions'));
    await page.keyboard.insertText(captions('IHZwWFHWa-w'));
    await tabTo(page, video.getByRole('button', { name: 'Attach captions' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Stored content/videos/IHZwWFHWa-w.vtt' }).count(), { timeout: 20_000 }).toBe(1);

    await tabTo(page, video.getByRole('button', { name: 'Process now' }), true);
    await page.keyboard.press('Enter');
    await expect.poll(() => video.locator('[data-status]').textContent(), { timeout: 90_000 }).toBe('Completed');
    await expect.poll(() => page.getByRole('log').textContent(), { timeout: 10_000 }).toMatch(/\[1\/1\] IHZwWFHWa-w completed in [\d.]+s/);
    expect(await page.evaluate(() => (window as unknown as { studioMarker?: number }).studioMarker)).toBe(1);
    expect(readFileSync(join(root, 'content', 'generated', 'videos', 'IHZwWFHWa-w', 'status.json'), 'utf8')).toContain('"completed"');
    await page.context().close();
  }, 240_000);

  it("shows a failed video's error and retries it to completed", async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseURL}/admin/videos/`);
    await expect.poll(() => page.getByText('aircAruvnKk').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByLabel('YouTube URL').fill('https://youtu.be/Ilg3gGewQ5U');
    await page.getByLabel('Title (optional)').fill('Backpropagation calculus');
    await page.getByRole('button', { name: 'Add video' }).click();
    const video = card(page, 'Ilg3gGewQ5U');
    await video.getByRole('button', { name: 'Process now' }).click();
    await expect.poll(() => video.locator('[data-status]').textContent(), { timeout: 90_000 }).toBe('Failed');
    await expect
      .poll(() => video.locator('.video-error').textContent(), { timeout: 10_000 })
      .toContain('YouTube is switched off (LEARNSPACE_NO_YOUTUBE) and there is no caption file');

    await video.locator('summary', { hasText: 'Attach captions' }).click();
    await video.getByLabel('Caption file').setInputFiles(join(project, 'content', 'videos', 'Ilg3gGewQ5U.vtt'));
    await video.getByRole('button', { name: 'Attach captions' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Stored content/videos/Ilg3gGewQ5U.vtt' }).count(), { timeout: 20_000 }).toBe(1);
    await video.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => video.locator('[data-status]').textContent(), { timeout: 90_000 }).toBe('Completed');
    expect(await video.locator('.video-error').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('looks right on a phone and a desktop, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [375, 1280]) {
        const page = await newPage(browser, { viewport: { width, height: 900 }, colorScheme });
        await page.goto(`${baseURL}/admin/videos/`);
        await expect.poll(() => page.locator('li[data-video]').count(), { timeout: 60_000 }).toBe(3);
        await page.locator('li[data-video="IHZwWFHWa-w"] summary').first().click();
        expect(await seriousViolations(page), `${width}px ${colorScheme}`).toEqual([]);
        // The site's header is sticky: from the top, a full-page shot shows it where it belongs.
        await page.evaluate(() => window.scrollTo(0, 0));
        await saveScreenshot(page, `studio-video-library-${width}-${colorScheme}`);
        await page.context().close();
      }
    }
    const home = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await home.goto(`${baseURL}/admin/`);
    await home.getByRole('link', { name: 'Video library' }).first().click();
    await home.waitForURL(`${baseURL}/admin/videos/`);
    await home.context().close();
  }, 240_000);
});
