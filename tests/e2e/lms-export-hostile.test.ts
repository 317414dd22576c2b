/**
 * Exported packages carry the same untrusted text as the site: transcripts and
 * model output (notes, quiz) and authored titles full of XSS payloads. The
 * hostile course is built, exported in both formats, and every exported page
 * is opened in Chromium: nothing may execute, and quiz payloads reach the QTI
 * as plain text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { dangerousNodes } from './support/dangerous-nodes.ts';
import { buildSite } from './support/build.ts';
import { serveDir, type StaticServer } from './support/server.ts';
import { XSS_PAYLOADS as PAYLOADS } from './support/xss-payloads.ts';
import { createMaterialWriter } from '../../scripts/pipeline/material-writer.ts';
import type { VideoResult } from '../../src/lib/schema.ts';

const A = 'hostilecap1';
const B = 'hostilemod1';
let root: string;
let server: StaticServer;
let browser: Browser;
const xssCalls: string[] = [];
const dialogs: string[] = [];
const zips: Record<'cc' | 'scorm12', Record<string, Uint8Array>> = { cc: {}, scorm12: {} };
const savedContentEnv = process.env.LEARNSPACE_CONTENT;
const json = (s: string) => JSON.stringify(s);

function modelResult(): VideoResult {
  return {
    youtubeVideoId: B,
    meta: { title: `Hostile ${PAYLOADS[1]} title`, channel: PAYLOADS[0]!, durationSeconds: 300, thumbnailUrl: 'javascript:__xss(99)' },
    transcript: {
      source: 'youtube',
      language: 'en',
      segments: PAYLOADS.map((p, i) => ({ startMs: i * 10_000, endMs: i * 10_000 + 9_000, text: `Segment ${i} says ${p}` })),
    },
    notes: {
      summary: `Summary with ${PAYLOADS[0]} and ${PAYLOADS[5]}`,
      sections: PAYLOADS.map((p, i) => ({
        title: `Section ${i} ${p}`,
        body: `Body ${i}: ${p}\n\n- list ${p}\n\n[link](javascript:__xss(${100 + i}))`,
        startMs: i * 10_000,
        keyTerms: [p],
      })),
      glossary: PAYLOADS.map((p, i) => ({ term: `Term ${p}`, definition: `Defined as ${p}`, startMs: i * 10_000 })),
    },
    quiz: {
      questions: PAYLOADS.slice(0, 8).map((p, i) => ({
        prompt: `Prompt ${p}?`,
        choices: [`Right ${p}`, `Wrong ${PAYLOADS[i + 1]}`],
        answer: 0,
        explanation: `Because ${p}`,
        startMs: i * 10_000,
      })),
    },
    generator: { provider: 'openai', model: 'hostile-model', promptVersion: 'test', generatedAt: new Date(0).toISOString() },
    inputsHash: 'fixture',
  };
}

const authoredQuestions = PAYLOADS.slice(0, 10).map((p) => ({ prompt: `Q ${p}`, choices: [`A ${p}`, 'B'], answer: 0, explanation: `E ${p}` }));

async function writeContent(dir: string) {
  const chapter = join(dir, 'courses', 'hostile', '01-chapter');
  mkdirSync(chapter, { recursive: true });
  mkdirSync(join(dir, 'videos'), { recursive: true });
  writeFileSync(
    join(dir, 'courses', 'hostile', 'course.yaml'),
    `name: ${json(`Hostile ${PAYLOADS[0]} course`)}\ndescription: ${json(`Description ${PAYLOADS[1]}`)}\ncreatedBy: tests\nisPublished: true\n`,
  );
  writeFileSync(join(chapter, 'chapter.yaml'), `name: ${json(`Chapter ${PAYLOADS[3]}`)}\ndescription: ${json(PAYLOADS[4]!)}\norder: 1\n`);
  writeFileSync(join(chapter, '01-captions.yaml'), `type: video\norder: 1\nvideo: ${A}\n`);
  writeFileSync(join(chapter, '02-model.yaml'), `type: video\norder: 2\nvideo: ${B}\ntitle: ${json(`Lecture ${PAYLOADS[10]}`)}\n`);
  const questions = authoredQuestions.map(
    (q) => `  - prompt: ${json(q.prompt)}\n    choices: [${q.choices.map(json).join(', ')}]\n    answer: 0\n    explanation: ${json(q.explanation)}`,
  );
  writeFileSync(join(chapter, '03-quiz.yaml'), `type: quiz\norder: 3\ntitle: ${json(`Quiz ${PAYLOADS[9]}`)}\nquestions:\n${questions.join('\n')}\n`);
  writeFileSync(
    join(chapter, '04-link.yaml'),
    `type: resource\norder: 4\ntitle: ${json(`Link ${PAYLOADS[0]}`)}\ndescription: ${json(PAYLOADS[1]!)}\nurl: https://example.org/page\n`,
  );
  writeFileSync(
    join(chapter, '05-task.mdx'),
    `---\ntype: assignment\norder: 5\ntitle: ${json(`Task ${PAYLOADS[2]}`)}\npoints: 10\nrubric:\n  - criterion: ${json(`Criterion ${PAYLOADS[7]}`)}\n    points: 10\n    description: ${json(PAYLOADS[13]!)}\nsubmission: ${json(`Submit ${PAYLOADS[15]}`)}\n---\n\nWrite the program and hand it in.\n`,
  );
  for (const id of [A, B]) writeFileSync(join(dir, 'videos', `${id}.yaml`), `youtubeVideoId: ${id}\nurl: https://www.youtube.com/watch?v=${id}\n`);
  const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);
  writeFileSync(
    join(dir, 'videos', `${A}.vtt`),
    `WEBVTT\n\n${PAYLOADS.map((p, i) => `${i + 1}\n${clock(i * 10_000)} --> ${clock(i * 10_000 + 8_000)}\nThe lecture mentions gradient descent and ${p} here.`).join('\n\n')}\n`,
  );
  // Written through the pipeline's own cache writer, so the test follows wherever the cache lives.
  process.env.LEARNSPACE_CONTENT = dir;
  const writer = createMaterialWriter(root);
  const digest = await writer.writeResult(B, modelResult());
  await writer.writeStatus(B, { status: 'completed', attempts: 1, updatedAt: new Date(0).toISOString(), inputsHash: 'fixture', resultDigest: digest });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'learnspace-export-hostile-'));
  const content = join(root, 'content');
  await writeContent(content);
  const env = { LEARNSPACE_CONTENT: content, LEARNSPACE_NO_YOUTUBE: '1', OPENAI_API_KEY: '', LEARNSPACE_CACHE_DIR: join(root, 'astro-cache') };
  const node = process.execPath;
  execFileSync(node, ['scripts/videos.ts', 'process', A, '--quiet'], { env: { ...process.env, ...env }, stdio: 'pipe' });
  await buildSite(join(root, 'dist'), env);
  for (const format of ['cc', 'scorm12'] as const) {
    const result = spawnSync(node, ['scripts/export.ts', 'hostile', '--format', format, '--dist', join(root, 'dist'), '--out', join(root, 'exports')], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`export failed: ${result.stderr}`);
    zips[format] = unzipSync(readFileSync(join(root, 'exports', `hostile-${format}.${format === 'cc' ? 'imscc' : 'zip'}`)));
    for (const [path, bytes] of Object.entries(zips[format])) {
      mkdirSync(dirname(join(root, 'served', format, path)), { recursive: true });
      writeFileSync(join(root, 'served', format, path), bytes);
    }
  }
  server = await serveDir(join(root, 'served'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (savedContentEnv === undefined) delete process.env.LEARNSPACE_CONTENT;
  else process.env.LEARNSPACE_CONTENT = savedContentEnv;
  if (root) rmSync(root, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await newPage(browser);
  await page.context().exposeFunction('__xss', (n: number) => xssCalls.push(`${path}: payload ${n}`));
  page.on('dialog', (d) => {
    dialogs.push(`${path}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${server.url}/${path}`);
  await page.waitForLoadState('networkidle');
  return page;
}

const htmlFiles = (format: 'cc' | 'scorm12') =>
  Object.keys(zips[format])
    .filter((p) => p.endsWith('.html'))
    .sort();

describe('hostile content in exported packages', () => {
  it('exports every page of the hostile course', () => {
    expect(htmlFiles('scorm12')).toContain('courses/hostile/01-chapter/03-quiz/index.html');
    expect(htmlFiles('cc')).toContain('wiki_content/01-chapter--02-model--notes.html');
  });

  it('renders payloads inertly on every exported page', async () => {
    const found: string[] = [];
    for (const format of ['cc', 'scorm12'] as const) {
      for (const path of htmlFiles(format)) {
        const page = await open(`${format}/${path}`);
        for (const node of await dangerousNodes(page, ['learnspace-frame'])) found.push(`${format}/${path}: ${node}`);
        await page.close();
      }
    }
    expect(found).toEqual([]);
  }, 180_000);

  it('keeps model notes as text in the cartridge, without script links', async () => {
    const page = await open('cc/wiki_content/01-chapter--02-model--notes.html');
    expect(await page.locator('body').innerText()).toContain('Section 0 <script>__xss(1)</script>');
    const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.filter((h) => /^\s*(javascript|data):/i.test(h))).toEqual([]);
    await page.close();
  });

  it('answers the hostile quiz inside the SCORM launch page without running a payload', async () => {
    const page = await open('scorm12/index.html');
    const frame = page.frameLocator('#learnspace-frame');
    await frame.locator('h1').first().waitFor();
    const inner = (await (await page.locator('#learnspace-frame').elementHandle())!.contentFrame())!;
    await inner.goto(`${server.url}/scorm12/courses/hostile/01-chapter/03-quiz/index.html`);
    const radios = inner.locator('main input[type=radio]');
    await radios.first().waitFor();
    const count = await radios.count();
    for (let i = 0; i < count; i += 2) await radios.nth(i).check();
    await inner.getByRole('button', { name: 'Check my answers' }).click();
    await inner.getByText('E <script>__xss(1)</script>').first().waitFor();
    expect(await dangerousNodes(inner)).toEqual([]);
    expect(await dangerousNodes(page, ['learnspace-frame'])).toEqual([]);
    await page.close();
  });

  it('puts quiz payloads into the QTI as text, exactly as written', () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['item', 'response_label'].includes(n) });
    const path = Object.keys(zips.cc).find((p) => p.startsWith('assessments/i_01-chapter_03-quiz/'))!;
    const doc = parser.parse(strFromU8(zips.cc[path]!)) as {
      questestinterop: {
        assessment: {
          section: {
            item: {
              presentation: {
                material: { mattext: { '#text': string } };
                response_lid: { render_choice: { response_label: { material: { mattext: { '#text': string } } }[] } };
              };
            }[];
          };
        };
      };
    };
    const items = doc.questestinterop.assessment.section.item;
    expect(items.map((i) => String(i.presentation.material.mattext['#text']))).toEqual(authoredQuestions.map((q) => q.prompt));
    expect(items.map((i) => String(i.presentation.response_lid.render_choice.response_label[0]!.material.mattext['#text']))).toEqual(
      authoredQuestions.map((q) => q.choices[0]),
    );
  });

  it('executed no payload and opened no dialog on any exported page', () => {
    expect(xssCalls).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
