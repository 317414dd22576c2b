/**
 * The course studio under `astro dev` on a temporary copy of the site (a git repository):
 * a course built in the browser, two chapters and an item of each of the five types,
 * reordered by keyboard and by dragging, published; then `npm run check` passes on the
 * copy, the files read like a careful author's, and `npm run build` renders the course.
 * Bad input in every form shows the check's message and writes nothing; the screens
 * work by keyboard alone and are axe-clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { seriousViolations } from './support/axe.ts';
import { validFixtureSite } from './support/site-root.ts';
import { astroEnv, startAstroDev } from './support/dev-server.ts';
import { saveScreenshot } from './support/screenshots.ts';

const project = process.cwd();
const course = 'content/courses/signals-and-systems';

let root: string;
let baseURL: string;
let dev: ChildProcess;
let output = '';
let browser: Browser;

const read = (file: string) => readFileSync(join(root, file), 'utf8');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const filesOf = (dir: string) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)).sort() : []);

beforeAll(async () => {
  root = validFixtureSite('learnspace-studio-builder-');
  // One library video with its title and generated material, so the build needs no network.
  cpSync(join(project, 'content/videos/aircAruvnKk.yaml'), join(root, 'content/videos/aircAruvnKk.yaml'));
  cpSync(join(project, 'content/generated/videos/aircAruvnKk'), join(root, 'content/generated/videos/aircAruvnKk'), { recursive: true });
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.astro-cache\n.astro\ndist\n.dist-next\n');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', 'base');

  ({ dev, baseURL } = await startAstroDev(project, root, astroEnv(root, 'development', { LEARNSPACE_NO_YOUTUBE: '1' }), (chunk) => (output += chunk)));
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${baseURL}/__studio/api/courses/list`, { signal: AbortSignal.timeout(10_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchBrowser();
  // The first visit makes Vite optimise the islands' dependencies and reload once; let that happen before the tests.
  for (const path of ['/admin/courses/', '/admin/courses/demo/']) {
    const page = await newPage(browser);
    await page.goto(baseURL + path);
    await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
    await page.waitForTimeout(3000);
    await page.context().close();
  }
}, 400_000);

afterAll(async () => {
  if (process.env.STUDIO_DEBUG_LOG) writeFileSync(process.env.STUDIO_DEBUG_LOG, output);
  await browser?.close();
  dev?.kill('SIGTERM');
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Opens a page and waits until its island has hydrated (its first control answers). */
async function open(path: string, options: { width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const page = await newPage(browser, { viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => (output += `\n[browser] ${String(error)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') output += `\n[browser console] ${m.text()}`;
  });
  await page.goto(baseURL + path);
  await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached', timeout: 120_000 });
  return page;
}

/** expect.poll with room for a busy machine (its default is one second): a save validates the whole tree first. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });
const chapter = (page: Page, name: string) => page.getByRole('region', { name });
const status = (page: Page) => page.locator('.studio-status');

/** Adds an item through "Add item" and fills the generated form with `fill`, then saves. */
async function addItem(page: Page, chapterName: string, type: string, title: string, fill: (editor: Locator) => Promise<void>): Promise<void> {
  const section = chapter(page, chapterName);
  await section.getByLabel('Item type').selectOption(type);
  await section.getByLabel('Title', { exact: true }).fill(title);
  await section.getByRole('button', { name: 'Add item' }).click();
  const editor = section.locator('form.studio-editor');
  await fill(editor);
  await editor.getByRole('button', { name: 'Save' }).click();
  await poll(() => status(page).textContent()).toMatch(/^Added /);
  await section.locator('.studio-item-title', { hasText: title }).waitFor();
}

describe('the course builder under astro dev', () => {
  it('builds, reorders and publishes a course whose files pass the check and build', async () => {
    const page = await open('/admin/courses/');
    await page.getByRole('button', { name: 'New course' }).click();
    await page.getByLabel('Course name').fill('Signals and Systems');
    expect(await page.getByLabel(/Folder and web address/).inputValue()).toBe('signals-and-systems');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.waitForURL(`${baseURL}/admin/courses/signals-and-systems/`);
    await page.getByRole('heading', { name: 'Chapters and items' }).waitFor();

    for (const name of ['Getting started', 'Going further']) {
      await page.getByLabel('Chapter name').fill(name);
      await page.getByRole('button', { name: 'Add chapter' }).click();
      await chapter(page, name).waitFor();
    }

    await addItem(page, 'Getting started', 'video', 'Welcome lecture', async (editor) => {
      await editor.getByLabel('Library video').fill('neural');
      await editor.getByRole('button', { name: /But what is a neural network\?/ }).click();
      await poll(() => editor.getByText('Chosen:').textContent()).toContain('aircAruvnKk');
    });
    await addItem(page, 'Getting started', 'text', 'What is a signal?', async (editor) => {
      await editor.getByLabel('Description').fill('Signals as functions of time, and the systems that transform them.');
      await editor
        .getByLabel(/Text \(MDX\)/)
        .fill('A **signal** is a quantity that changes over time.\n\n<Callout>Sound, voltage and stock prices are all signals.</Callout>\n');
      await editor.getByRole('button', { name: 'Preview text' }).click();
      await poll(() => editor.getByRole('region', { name: 'Preview of the text' }).locator('strong').textContent()).toBe('signal');
    });
    await addItem(page, 'Getting started', 'quiz', 'Check: signals', async (editor) => {
      await editor.getByRole('button', { name: 'Add question' }).click();
      await editor.getByLabel('Question').fill('Which of these is a signal?');
      await editor.getByLabel('Choices (one per line)').fill('The voltage across a resistor over time\nThe colour blue');
      await editor.getByLabel(/Right choice/).fill('0');
    });
    await addItem(page, 'Going further', 'assignment', 'Sample a sine wave', async (editor) => {
      await editor.getByLabel(/^Points/).fill('10');
      await editor.getByLabel(/How to submit/).fill('Upload your notebook to the course forum.');
      await editor.getByLabel(/Instructions \(MDX\)/).fill('Sample `sin(2πt)` at 8 points per second for one second and plot the samples.\n');
    });
    await addItem(page, 'Going further', 'resource', 'Further reading', async (editor) => {
      await editor.getByLabel('Link (URL)').fill('https://ocw.mit.edu/courses/6-003-signals-and-systems-fall-2011/');
    });

    // Keyboard: pick the text up with Space, move it above the video, drop it.
    const started = `${course}/01-getting-started`;
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Move What is a signal?' }).focus();
    // dnd-kit listens for the arrows once the pick-up has been handled.
    for (const key of ['Space', 'ArrowUp', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(300);
    }
    await poll(() => status(page).textContent()).toBe('Items of “Getting started” reordered.');
    expect(read(`${started}/02-what-is-a-signal.mdx`)).toContain('order: 1\n');
    expect(read(`${started}/01-welcome-lecture.yaml`)).toContain('order: 2\n');
    expect(await chapter(page, 'Getting started').locator('.studio-item-title').allTextContents()).toEqual([
      'What is a signal?',
      'Welcome lecture',
      'Check: signals',
    ]);

    // Mouse: drag "Going further" above "Getting started".
    const from = await page.getByRole('button', { name: 'Move chapter Going further' }).boundingBox();
    const to = await page.getByRole('button', { name: 'Move chapter Getting started' }).boundingBox();
    if (!from || !to) throw new Error('chapter handles are not visible');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Small steps with pauses, as a hand moves: dnd-kit measures between animation frames.
    for (let step = 1; step <= 15; step++) {
      await page.mouse.move(from.x + from.width / 2, from.y + ((to.y - 30 - from.y) * step) / 15 + from.height / 2);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(400);
    await page.mouse.up();
    await poll(() => status(page).textContent()).toBe('Chapters reordered.');
    expect(read(`${course}/02-going-further/chapter.yaml`)).toBe('name: Going further\norder: 1\n');
    expect(read(`${started}/chapter.yaml`)).toBe('name: Getting started\norder: 2\n');

    // Publish: status back to the default (ready), Published on.
    const settings = page.getByRole('form', { name: 'Course settings' });
    await settings.getByLabel('Status').selectOption('');
    await settings.getByLabel('Published').check();
    await settings.getByLabel(/^Author \(createdBy\)/).fill('signals-team');
    await settings.getByRole('button', { name: 'Save' }).click();
    await poll(() => status(page).textContent()).toBe(`Saved ${course}/course.yaml.`);
    expect(read(`${course}/course.yaml`)).toBe('name: Signals and Systems\nisPublished: true\ncreatedBy: signals-team\n');

    // The changed files panel lists what to commit, and how.
    const changes = page.getByRole('region', { name: 'Changed files' });
    await poll(() => changes.textContent()).toContain(`${course}/course.yaml`);
    expect(await changes.locator('pre').textContent()).toContain('git switch -c course/signals-and-systems');
    for (const width of [375, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await saveScreenshot(page, `studio-course-builder-${width}-${colorScheme}`);
      }
    }

    // The files read like a careful author's.
    expect(read(`${started}/03-check-signals.yaml`)).toBe(
      'type: quiz\norder: 3\ntitle: "Check: signals"\nquestions:\n  - prompt: Which of these is a signal?\n    choices:\n      - The voltage across a resistor over time\n      - The colour blue\n    answer: 0\n',
    );
    expect(read(`${started}/02-what-is-a-signal.mdx`)).toBe(
      '---\ntype: text\norder: 1\ntitle: What is a signal?\ndescription: Signals as functions of time, and the systems that transform them.\n---\n\nA **signal** is a quantity that changes over time.\n\n<Callout>Sound, voltage and stock prices are all signals.</Callout>\n',
    );
    expect(read(`${started}/01-welcome-lecture.yaml`)).toBe('type: video\norder: 2\ntitle: Welcome lecture\nvideo: aircAruvnKk\n');
    expect(read(`${course}/02-going-further/01-sample-a-sine-wave.mdx`)).toBe(
      '---\ntype: assignment\norder: 1\ntitle: Sample a sine wave\npoints: 10\nsubmission: Upload your notebook to the course forum.\n---\n\nSample `sin(2πt)` at 8 points per second for one second and plot the samples.\n',
    );
    expect(git('status', '--porcelain', '--', 'content').trim().split('\n').sort()).toEqual([`?? ${course}/`]);

    // The copy passes the check and builds with the course in it.
    const check = execFileSync('npm', ['run', 'check'], { cwd: root, env: astroEnv(root, 'production', { LEARNSPACE_NO_YOUTUBE: '1' }), encoding: 'utf8' });
    expect(check).toContain('✓ content OK: 2 courses, 3 chapters, 11 items');
    execFileSync('npm', ['run', 'build'], { cwd: root, env: astroEnv(root, 'production', { LEARNSPACE_NO_YOUTUBE: '1' }), stdio: 'pipe' });
    const html = read('dist/courses/signals-and-systems/index.html');
    for (const text of [
      'Signals and Systems',
      'Going further',
      'Getting started',
      'What is a signal?',
      'Welcome lecture',
      'Check: signals',
      'Sample a sine wave',
      'Further reading',
    ])
      expect(html).toContain(text);
    expect(existsSync(join(root, 'dist/courses/signals-and-systems/01-getting-started/02-what-is-a-signal/index.html'))).toBe(true);
    expect(existsSync(join(root, 'dist/admin/courses'))).toBe(false);
  }, 900_000);
});

describe('bad input in the studio forms', () => {
  it("shows the check's message at the field and writes nothing, in every form", async () => {
    const before = git('status', '--porcelain', '--', 'content');
    const page = await open('/admin/courses/');
    await page.getByRole('button', { name: 'New course' }).click();
    await page.getByLabel('Course name').fill('Demo again');
    await page.getByLabel(/Folder and web address/).fill('demo');
    await page.getByRole('button', { name: 'Create course' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'content/courses/demo/course.yaml: slug: a course "demo" already exists: choose another folder name',
    );
    await page.getByLabel(/Folder and web address/).fill('Demo Again');
    await page.getByRole('button', { name: 'Create course' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'slug: expected a lowercase slug of letters, digits and single hyphens, like "intro-to-ml", got "Demo Again"',
    );

    const builder = await open('/admin/courses/demo/');
    await builder.getByRole('heading', { name: 'Chapters and items' }).waitFor();
    await builder.getByRole('button', { name: 'Add chapter' }).click();
    await poll(() => builder.getByRole('alert').first().textContent()).toContain(
      'content/courses/demo/02-chapter/chapter.yaml: name: expected a chapter name, got an empty string',
    );

    await builder.getByRole('button', { name: 'Rename chapter Getting started' }).click();
    await builder.getByLabel('Chapter name').first().fill('  ');
    await builder.getByRole('button', { name: 'Save' }).first().click();
    await poll(() => builder.getByRole('alert').first().textContent()).toContain(
      'content/courses/demo/01-start/chapter.yaml: name: expected a chapter name, got an empty string',
    );

    const quiz = builder.getByRole('listitem').filter({ has: builder.getByRole('button', { name: 'Edit Check yourself' }) });
    await quiz.getByRole('button', { name: 'Edit Check yourself' }).click();
    const editor = quiz.locator('form.studio-editor');
    await editor
      .getByLabel(/Right choice/)
      .first()
      .fill('7');
    await editor.getByRole('button', { name: 'Save' }).click();
    const line = 'content/courses/demo/01-start/03-quiz.yaml: questions[0].answer: expected 0-3 (one of the 4 choices), got 7';
    await poll(() => editor.getByRole('alert').textContent()).toContain(line);
    expect(
      await editor
        .getByLabel(/Right choice/)
        .first()
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(await editor.locator('.studio-field-error').first().textContent()).toBe('expected 0-3 (one of the 4 choices), got 7');

    const settings = builder.getByRole('form', { name: 'Course settings' });
    await settings.getByLabel('Course name').fill('');
    await settings.getByRole('button', { name: 'Save' }).click();
    await poll(() => settings.getByRole('alert').textContent()).toContain(
      'content/courses/demo/course.yaml: name: required: expected text, but the field is missing',
    );

    expect(git('status', '--porcelain', '--', 'content')).toBe(before);
  }, 180_000);
});

describe('the studio by keyboard, and with axe', () => {
  it('adds, renames and deletes (with confirmation) a chapter by keyboard alone', async () => {
    const page = await open('/admin/courses/demo/');
    await page.getByRole('heading', { name: 'Chapters and items' }).waitFor();
    const tabTo = async (name: string | RegExp, key = 'Tab') => {
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press(key);
        const label = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el
            ? (el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el.textContent ?? '')
            : '';
        });
        if (typeof name === 'string' ? label?.trim() === name : name.test(label ?? '')) return;
      }
      throw new Error(`Tab never reached ${String(name)}`);
    };
    await tabTo('Chapter name');
    await page.keyboard.type('Appendix');
    await page.keyboard.press('Enter');
    await chapter(page, 'Appendix').waitFor();
    expect(read('content/courses/demo/02-appendix/chapter.yaml')).toBe('name: Appendix\norder: 2\n');

    await tabTo('Rename chapter Appendix', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Appendix: tables');
    await page.keyboard.press('Enter');
    await chapter(page, 'Appendix: tables').waitFor();
    expect(read('content/courses/demo/02-appendix/chapter.yaml')).toBe('name: "Appendix: tables"\norder: 2\n');

    await tabTo('Delete chapter Appendix: tables');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete chapter “Appendix: tables”?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete chapter');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await poll(() => status(page).textContent()).toBe('Deleted content/courses/demo/02-appendix/.');
    expect(filesOf('content/courses/demo')).toEqual(['01-start', 'course.yaml']);
  }, 120_000);

  it('has no serious or critical axe violation on the course list and builder, light and dark, with an editor open', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const list = await open('/admin/courses/', { colorScheme });
      await list.getByRole('button', { name: 'New course' }).click();
      expect(await seriousViolations(list), `course list (${colorScheme})`).toEqual([]);
      for (const width of [375, 1280]) {
        await list.setViewportSize({ width, height: 900 });
        await saveScreenshot(list, `studio-courses-${width}-${colorScheme}`);
      }
      const builder = await open('/admin/courses/demo/', { colorScheme });
      await builder.getByRole('button', { name: 'Edit Check yourself' }).click();
      await builder.locator('form.studio-editor').waitFor();
      expect(await seriousViolations(builder), `course builder (${colorScheme})`).toEqual([]);
      await builder.setViewportSize({ width: 375, height: 900 });
      await saveScreenshot(builder, `studio-item-editor-375-${colorScheme}`);
    }
  }, 180_000);
});
