/**
 * Transcripts and model output are untrusted. A corpus of XSS payloads is
 * planted in a caption file (run through the real pipeline), in a model's
 * result (notes Markdown, quiz, transcript, metadata) and in authored quiz and
 * course text, plus Markdown-shaped payloads (links, raw HTML, code spans and
 * fences that try to close their code) in quiz prompts, choices and explanations; the built site is then browsed and used in Chromium. Nothing
 * may execute, and the payloads show as text or are dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { dangerousNodes } from './support/dangerous-nodes.ts';
import { buildSite } from './support/build.ts';
import { serveDir, type StaticServer } from './support/server.ts';
import type { VideoResult } from '../../src/lib/schema.ts';
import { XSS_PAYLOADS } from './support/xss-payloads.ts';

/** Each payload, if it ever runs, calls window.__xss(n) (one corpus with the export's hostile test). */
export const PAYLOADS = XSS_PAYLOADS;

/** Markdown-shaped payloads for quiz prompts, choices and explanations (rendered as Markdown, with highlighted code). */
export const QUIZ_MARKDOWN_PAYLOADS = [
  '[link](javascript:__xss(40))',
  '[ref link][r]\n\n[r]: JaVaScRiPt:__xss(41)',
  '![image](javascript:__xss(42))',
  '<a href="javascript:__xss(43)">raw link</a>',
  'Raw <script>__xss(44)</script> in prose',
  'An image <img src=x onerror="__xss(45)"> inline',
  '`</code><script>__xss(46)</script>`',
  '```python\n</code></pre><script>__xss(47)</script>\n```',
  '```js" onmouseover="__xss(48)\nlet x = 1;\n```',
  '```\n<img src=x onerror=__xss(49)>\n```',
  '<pre><code class="language-js" onclick="__xss(50)">x</code></pre>',
  '<span style="background:url(javascript:__xss(51))">styled</span>',
  '**bold <svg onload="__xss(52)"></svg>**',
  '<div>\n\n[in html](javascript:__xss(53))\n\n</div>',
  '[data](data:text/html,<script>__xss(54)</script>)',
  '<details open ontoggle="__xss(55)">\n\n```html\n<b>code</b>\n```\n\n</details>',
];
/** Every payload in a prompt, a choice and an explanation, spread over `count` questions (a model's quiz holds at most 10). */
function markdownQuestions(tag: string, count: number) {
  const field = (label: string, k: number) => QUIZ_MARKDOWN_PAYLOADS.flatMap((p, j) => (j % count === k ? [`${label} ${j}:\n\n${p}`] : [])).join('\n\n');
  return Array.from({ length: count }, (_, k) => ({
    prompt: field(`${tag} prompt`, k),
    choices: [field('Choice', k), 'Plain choice'],
    answer: 0,
    explanation: field('Explained', k),
  }));
}

const A = 'hostilecap1';
const B = 'hostilemod1';
let root: string;
let site: StaticServer;
let browser: Browser;
const xssCalls: string[] = [];
const dialogs: string[] = [];

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

function vtt(): string {
  const cues = PAYLOADS.map((p, i) => `${i + 1}\n${clock(i * 10_000)} --> ${clock(i * 10_000 + 8_000)}\nThe lecture mentions gradient descent and ${p} here.`);
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function modelResult(): VideoResult {
  const segments = PAYLOADS.map((p, i) => ({ startMs: i * 10_000, endMs: i * 10_000 + 9_000, text: `Segment ${i} says ${p}` }));
  return {
    youtubeVideoId: B,
    meta: { title: `Hostile ${PAYLOADS[1]} title`, channel: PAYLOADS[0]!, durationSeconds: 300, thumbnailUrl: 'javascript:__xss(99)' },
    transcript: { source: 'youtube', language: 'en', segments },
    notes: {
      summary: `Summary with ${PAYLOADS[0]} and ${PAYLOADS[5]}`,
      sections: PAYLOADS.map((p, i) => ({
        title: `Section ${i} ${p}`,
        body: `Body ${i}: ${p}\n\n- list ${p}\n\n[link](javascript:__xss(${100 + i}))`,
        startMs: i * 10_000,
        keyTerms: [p, 'gradient'],
      })),
      glossary: PAYLOADS.map((p, i) => ({ term: `Term ${p}`, definition: `Defined as ${p}`, startMs: i * 10_000 })),
    },
    quiz: {
      questions: [
        ...PAYLOADS.slice(0, 2).map((p, i) => ({
          prompt: `Prompt ${p}?`,
          choices: [`Right ${p}`, `Wrong ${PAYLOADS[i + 1]}`],
          answer: 0,
          explanation: `Because ${p}`,
          startMs: i * 10_000,
        })),
        ...markdownQuestions('Model', 8).map((q, i) => ({ ...q, startMs: i * 10_000 })),
      ],
    },
    generator: { provider: 'openai', model: 'hostile-model', promptVersion: 'test', generatedAt: new Date(0).toISOString() },
    inputsHash: 'fixture',
  };
}

function writeContent(dir: string) {
  const chapter = join(dir, 'courses', 'hostile', '01-chapter');
  mkdirSync(chapter, { recursive: true });
  mkdirSync(join(dir, 'videos'), { recursive: true });
  mkdirSync(join(dir, 'generated', 'videos'), { recursive: true });
  const yamlString = (s: string) => JSON.stringify(s);
  writeFileSync(
    join(dir, 'courses', 'hostile', 'course.yaml'),
    `name: ${yamlString(`Hostile ${PAYLOADS[0]} course`)}\ndescription: ${yamlString(`Description ${PAYLOADS[1]}`)}\ncreatedBy: tests\nisPublished: true\ntags: [${yamlString(PAYLOADS[2]!)}]\n`,
  );
  writeFileSync(join(chapter, 'chapter.yaml'), `name: ${yamlString(`Chapter ${PAYLOADS[3]}`)}\ndescription: ${yamlString(PAYLOADS[4]!)}\norder: 1\n`);
  writeFileSync(join(chapter, '01-captions.yaml'), `type: video\norder: 1\nvideo: ${A}\n`);
  writeFileSync(join(chapter, '02-model.yaml'), `type: video\norder: 2\nvideo: ${B}\n`);
  const questions = PAYLOADS.slice(0, 10).map(
    (p) =>
      `  - prompt: ${yamlString(`Q ${p}`)}\n    choices: [${yamlString(`A ${p}`)}, ${yamlString('B')}]\n    answer: 0\n    explanation: ${yamlString(`E ${p}`)}`,
  );
  writeFileSync(join(chapter, '03-quiz.yaml'), `type: quiz\norder: 3\ntitle: ${yamlString(`Quiz ${PAYLOADS[9]}`)}\nquestions:\n${questions.join('\n')}\n`);
  writeFileSync(
    join(chapter, '05-markdown-quiz.yaml'),
    `type: quiz\norder: 5\ntitle: Markdown quiz\nquestions: ${JSON.stringify(markdownQuestions('Authored', QUIZ_MARKDOWN_PAYLOADS.length))}\n`,
  );
  writeFileSync(
    join(chapter, '04-link.yaml'),
    `type: resource\norder: 4\ntitle: ${yamlString(`Link ${PAYLOADS[0]}`)}\ndescription: ${yamlString(PAYLOADS[1]!)}\nurl: https://example.org/page\n`,
  );
  for (const id of [A, B]) writeFileSync(join(dir, 'videos', `${id}.yaml`), `youtubeVideoId: ${id}\nurl: https://www.youtube.com/watch?v=${id}\n`);
  writeFileSync(join(dir, 'videos', `${A}.vtt`), vtt());
  writeFileSync(join(dir, 'generated', 'videos', `${B}.json`), JSON.stringify(modelResult(), null, 2));
  writeFileSync(
    join(dir, 'generated', 'videos', `${B}.status.json`),
    JSON.stringify({ status: 'completed', attempts: 1, updatedAt: new Date(0).toISOString(), inputsHash: 'fixture' }),
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'learnspace-hostile-'));
  const content = join(root, 'content');
  writeContent(content);
  const env = { LEARNSPACE_CONTENT: content, LEARNSPACE_NO_YOUTUBE: '1', OPENAI_API_KEY: '', LEARNSPACE_CACHE_DIR: join(root, 'astro-cache') };
  // The caption file goes through the real pipeline (offline provider): captions → transcript, notes, quiz.
  execFileSync(process.execPath, ['scripts/videos.ts', 'process', A, '--quiet'], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  await buildSite(join(root, 'dist'), env);
  site = await serveDir(join(root, 'dist'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await newPage(browser);
  await page.context().exposeFunction('__xss', (n: number) => xssCalls.push(`${path}: payload ${n}`));
  page.on('dialog', (d) => {
    dialogs.push(`${path}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(site.url + path);
  await page.waitForLoadState('networkidle');
  return page;
}

const pages = [
  '/',
  '/courses/hostile/',
  '/courses/hostile/01-chapter/01-captions/',
  '/courses/hostile/01-chapter/02-model/',
  '/courses/hostile/01-chapter/03-quiz/',
  '/courses/hostile/01-chapter/04-link/',
  '/courses/hostile/01-chapter/05-markdown-quiz/',
  '/videos/',
  `/videos/${A}/`,
  `/videos/${B}/`,
];

describe('hostile transcripts, model output and quiz text', () => {
  it.each(pages)('%s renders payloads inertly', async (path) => {
    const page = await open(path);
    expect(await dangerousNodes(page)).toEqual([]);
    await page.close();
  });

  it('shows transcript payloads as text and runs nothing when lines are clicked', async () => {
    const page = await open(`/videos/${B}/`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Segment 0 says <script>__xss(1)</script>');
    const lines = page.locator('[data-start-ms]');
    const n = Math.min(await lines.count(), 12);
    for (let i = 0; i < n; i++)
      await lines
        .nth(i)
        .click({ timeout: 2000 })
        .catch(() => undefined);
    expect(await dangerousNodes(page)).toEqual([]);
    await page.close();
  });

  it('drops scripts and javascript: links from model notes but keeps their text', async () => {
    const page = await open(`/videos/${B}/`);
    const links = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.filter((h) => /^\s*(javascript|data):/i.test(h))).toEqual([]);
    expect(await page.locator('main').innerText()).toContain('Body 0:');
    await page.close();
  });

  it('answers a quiz whose questions carry payloads without running any', async () => {
    const page = await open('/courses/hostile/01-chapter/03-quiz/');
    const radios = page.locator('main input[type=radio]');
    await radios.first().waitFor();
    const count = await radios.count();
    for (let i = 0; i < count; i += 2) await radios.nth(i).check();
    await page
      .getByRole('button', { name: /submit|check/i })
      .first()
      .click();
    await page.waitForTimeout(200);
    expect(await page.locator('main').innerText()).toContain('E <script>__xss(1)</script>');
    expect(await dangerousNodes(page)).toEqual([]);
    await page.close();
  });

  it.each(['/courses/hostile/01-chapter/05-markdown-quiz/', `/videos/${B}/`])(
    'renders Markdown quiz payloads inertly, with their code as text, and answers them on %s',
    async (path) => {
      const page = await open(path);
      if (path.startsWith('/videos/')) await page.getByRole('tab', { name: 'Quiz' }).click();
      const quiz = page.locator('form.quiz').last();
      await quiz.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => !document.querySelector('astro-island[component-url*="Quiz"][ssr]'));
      const text = await quiz.innerText();
      // Raw HTML shows as text; code spans and fenced code keep their characters.
      expect(text).toContain('Raw <script>__xss(44)</script> in prose');
      expect(text).toContain('</code><script>__xss(46)</script>');
      expect(text).toContain('</code></pre><script>__xss(47)</script>');
      expect(await quiz.locator('pre.astro-code').count()).toBeGreaterThan(0);
      const links = await quiz.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(links.filter((h) => !/^\?t=\d+$/.test(h))).toEqual([]);
      const questions = quiz.locator('fieldset');
      for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).locator('input[type=radio]').first().check();
      await quiz.getByRole('button', { name: /check/i }).click();
      await quiz.locator('.quiz-result').waitFor();
      expect((await quiz.locator('.quiz-explanation').allInnerTexts()).join('\n')).toContain('Raw <script>__xss(44)</script> in prose');
      expect(await dangerousNodes(page)).toEqual([]);
      await page.close();
    },
  );

  it('lists search results for hostile transcripts and notes as text', async () => {
    const page = await open('/search/?q=gradient');
    await page.locator('.search-hit').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('.search-hit').count()).toBeGreaterThan(0);
    expect(await dangerousNodes(page)).toEqual([]);
    await page.close();
  });

  it('executed no payload and opened no dialog on any page', () => {
    expect(xssCalls).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
