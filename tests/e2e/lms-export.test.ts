/**
 * `npm run export` over a built copy of the sample courses: every package's
 * manifest is well-formed and lists only files that are in the zip, quizzes
 * survive as QTI with their correct answers, drafts never get out, and the
 * SCORM package reports completion, score and resume data to an LMS
 * (scorm-again's SCORM 1.2 runtime in Chromium).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { serveDir, type StaticServer } from './support/server.ts';
import { DRAFT_MARKER } from './support/markers.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { loadPublishedCourses, type ExportCourse } from '../../scripts/export/course-model.ts';
import { qtiText } from '../../scripts/export/qti.ts';

// The shared fixture's content and production build; packages and unpacked sites go to a folder of this file's own.
const { content, dist } = inject('fixture');
let root: string;
let courses: ExportCourse[];
const savedContentEnv = process.env.LEARNSPACE_CONTENT;

function runExport(args: string[]) {
  return spawnSync(process.execPath, ['scripts/export.ts', ...args], {
    env: { ...process.env, LEARNSPACE_CONTENT: content, LEARNSPACE_SITE: 'https://courses.example.edu' },
    encoding: 'utf8',
  });
}

type Zip = Record<string, Uint8Array>;
const readZip = (file: string): Zip => unzipSync(readFileSync(file));
const text = (zip: Zip, path: string) => strFromU8(zip[path]!);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['item', 'resource', 'file', 'dependency', 'response_label', 'respcondition'].includes(name),
});

interface ManifestItem {
  '@_identifier': string;
  '@_identifierref'?: string;
  title: string;
  item?: ManifestItem[];
}
interface ManifestResource {
  '@_identifier': string;
  '@_type': string;
  '@_href'?: string;
  file: { '@_href': string }[];
  dependency?: { '@_identifierref': string }[];
}
interface Manifest {
  manifest: {
    metadata: { schema: string; schemaversion: string | number };
    organizations: { organization: { item: ManifestItem | ManifestItem[] } };
    resources: { resource: ManifestResource[] };
  };
}

/** Parses imsmanifest.xml after checking it is well-formed. */
function manifestOf(zip: Zip): Manifest['manifest'] {
  const xml = text(zip, 'imsmanifest.xml');
  expect(() => SyntaxValidator.validate(xml)).not.toThrow();
  return (parser.parse(xml) as Manifest).manifest;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'learnspace-export-'));
  process.env.LEARNSPACE_CONTENT = content;
  courses = loadPublishedCourses(process.cwd()).published;
});

afterAll(() => {
  if (savedContentEnv === undefined) delete process.env.LEARNSPACE_CONTENT;
  else process.env.LEARNSPACE_CONTENT = savedContentEnv;
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('npm run export -- --all', () => {
  const packages: Record<'cc' | 'scorm12', Record<string, Zip>> = { cc: {}, scorm12: {} };
  let ccLog = '';

  beforeAll(() => {
    for (const format of ['cc', 'scorm12'] as const) {
      const result = runExport(['--all', '--format', format, '--dist', dist, '--out', join(root, 'exports')]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      if (format === 'cc') ccLog = result.stdout;
      for (const course of courses)
        packages[format][course.slug] = readZip(join(root, 'exports', `${course.slug}-${format}.${format === 'cc' ? 'imscc' : 'zip'}`));
    }
  });

  it('prints a line per step for each course and a summary', () => {
    expect(ccLog).toContain('export: reading and checking the content');
    expect(ccLog).toContain('export: skipping unpublished calculus-draft');
    for (const c of courses) {
      expect(ccLog).toMatch(new RegExp(`${c.slug}: building the Common Cartridge 1.3 package`));
      expect(ccLog).toMatch(new RegExp(`${c.slug}: wrote .*${c.slug}-cc\\.imscc \\(\\d+\\.\\d KB\\)`));
    }
  });

  it.each(['cc', 'scorm12'] as const)('%s: every manifest is well-formed and every file it names is in the zip, and nothing else is', (format) => {
    for (const [slug, zip] of Object.entries(packages[format])) {
      const manifest = manifestOf(zip);
      const named = new Set<string>();
      for (const r of manifest.resources.resource) {
        if (r['@_href']) expect(zip, `${slug}: ${r['@_href']}`).toHaveProperty([r['@_href']]);
        for (const f of r.file) {
          expect(Object.keys(zip), `${slug}: ${f['@_href']}`).toContain(f['@_href']);
          named.add(f['@_href']);
        }
        for (const d of r.dependency ?? []) expect(manifest.resources.resource.map((x) => x['@_identifier'])).toContain(d['@_identifierref']);
      }
      expect(Object.keys(zip).filter((p) => p !== 'imsmanifest.xml' && !named.has(p))).toEqual([]);
    }
  });

  it('cc: links and images inside the web content pages point at files in the cartridge', () => {
    for (const zip of Object.values(packages.cc)) {
      for (const path of Object.keys(zip).filter((p) => p.endsWith('.html'))) {
        for (const m of text(zip, path).matchAll(/(?:href|src)="([^"]+)"/g)) {
          const ref = m[1]!;
          if (/^(https?:|#|mailto:)/.test(ref)) continue;
          expect(Object.keys(zip), `${path} → ${ref}`).toContain(posix.join(posix.dirname(path), decodeURI(ref.split('#')[0]!)));
        }
      }
    }
  });

  it('cc: the organisation is the chapters in order, each with its items, videos with notes and quiz', () => {
    const course = courses.find((c) => c.slug === 'neural-networks')!;
    const manifest = manifestOf(packages.cc['neural-networks']!);
    expect(manifest.metadata).toMatchObject({ schema: 'IMS Common Cartridge', schemaversion: '1.3.0' });
    const rootItem = [manifest.organizations.organization.item].flat()[0]!;
    const chapters = rootItem.item!;
    expect(chapters.map((c) => c.title)).toEqual(course.chapters.map((c) => c.name));
    const expected = course.chapters[0]!.items.flatMap((i) =>
      i.type === 'video' ? [i.title, ...(i.video.notes ? [`${i.title} (notes)`] : []), ...(i.video.quiz ? [`${i.title} (quiz)`] : [])] : [i.title],
    );
    expect(chapters[0]!.item!.map((i) => i.title)).toEqual(expected);
    const types = new Map(manifest.resources.resource.map((r) => [r['@_identifier'], r['@_type']]));
    const typeOf = (title: string) => types.get(chapters.flatMap((c) => c.item!).find((i) => i.title === title)!['@_identifierref']!);
    const video = course.items.find((i) => i.type === 'video')!;
    expect(typeOf(video.title)).toBe('imswl_xmlv1p3');
    expect(typeOf(`${video.title} (notes)`)).toBe('webcontent');
    expect(typeOf(`${video.title} (quiz)`)).toBe('imsqti_xmlv1p2/imscc_xmlv1p3/assessment');
    for (const item of course.items.filter((i) => i.type !== 'video')) {
      const want = { text: 'webcontent', resource: 'webcontent', quiz: 'imsqti_xmlv1p2/imscc_xmlv1p3/assessment', assignment: 'assignment_xmlv1p0' }[item.type];
      expect(typeOf(item.title), item.key).toBe(want);
    }
  });

  it('cc: video items link to their page on the deployed site', () => {
    const zip = packages.cc['neural-networks']!;
    const link = parser.parse(text(zip, 'weblinks/01-what-is-a-network--01-lecture.xml')) as { webLink: { url: { '@_href': string } } };
    expect(link.webLink.url['@_href']).toBe('https://courses.example.edu/courses/neural-networks/01-what-is-a-network/01-lecture/');
  });

  it('cc: every QTI item parses and keeps its choices, correct answer and explanation', () => {
    let checked = 0;
    for (const course of courses) {
      const zip = packages.cc[course.slug]!;
      const resources = manifestOf(zip).resources.resource.filter((r) => r['@_type'] === 'imsqti_xmlv1p2/imscc_xmlv1p3/assessment');
      const sources = course.items.flatMap((i) => {
        if (i.type === 'quiz' && i.data.type === 'quiz') return [i.data.questions];
        if (i.type === 'video' && i.video.quiz) return [i.video.quiz.questions];
        return [];
      });
      expect(resources).toHaveLength(sources.length);
      resources.forEach((r, n) => {
        const xml = text(zip, r.file[0]!['@_href']);
        expect(() => SyntaxValidator.validate(xml)).not.toThrow();
        type Item = {
          presentation: {
            material: { mattext: { '#text': string } };
            response_lid: { render_choice: { response_label: { '@_ident': string; material: { mattext: { '#text': string } } }[] } };
          };
          resprocessing: { respcondition: { conditionvar: { varequal?: { '#text': string } }; setvar?: { '#text': number } }[] };
          itemfeedback?: { flow_mat: { material: { mattext: { '#text': string } } } };
        };
        const items = (parser.parse(xml) as { questestinterop: { assessment: { section: { item: Item[] } } } }).questestinterop.assessment.section.item;
        expect(items.length).toBe(sources[n]!.length);
        items.forEach((item, q) => {
          const source = sources[n]![q]!;
          const labels = item.presentation.response_lid.render_choice.response_label;
          const correct = item.resprocessing.respcondition.find((c) => Number(c.setvar?.['#text']) === 100)!.conditionvar.varequal!['#text'];
          expect(String(item.presentation.material.mattext['#text'])).toBe(qtiText(source.prompt).text);
          expect(labels.map((l) => String(l.material.mattext['#text']))).toEqual(source.choices.map((c) => qtiText(c).text));
          expect(labels.findIndex((l) => l['@_ident'] === correct)).toBe(source.answer);
          if (source.explanation) expect(String(item.itemfeedback!.flow_mat.material.mattext['#text'])).toBe(qtiText(source.explanation).text);
          checked++;
        });
      });
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('cc: assignments are graded with their points, and their page gives the due date and rubric', () => {
    const course = courses.find((c) => c.slug === 'neural-networks')!;
    const zip = packages.cc['neural-networks']!;
    for (const item of course.items) {
      if (item.type !== 'assignment' || item.data.type !== 'assignment') continue;
      const base = `${item.chapterSlug}--${item.slug}`;
      const xml = text(zip, `assignments/${base}/assignment.xml`);
      expect(() => SyntaxValidator.validate(xml)).not.toThrow();
      const parsed = parser.parse(xml) as { assignment: { title: string; gradable: { '@_points_possible': string } } };
      expect(parsed.assignment.title).toBe(item.title);
      expect(Number(parsed.assignment.gradable['@_points_possible'])).toBe(item.data.points);
      const page = text(zip, `wiki_content/${base}.html`);
      expect(page).toContain(`Points: ${item.data.points}`);
      if (item.data.due) expect(page).toContain(item.data.due.toISOString().slice(0, 10));
      for (const row of item.data.rubric) expect(page).toContain(row.criterion.replaceAll('&', '&amp;'));
    }
  });

  it('no package holds anything of the unpublished course', () => {
    for (const format of ['cc', 'scorm12'] as const) {
      expect(Object.keys(packages[format])).not.toContain('calculus-draft');
      for (const [slug, zip] of Object.entries(packages[format])) {
        for (const [path, bytes] of Object.entries(zip)) {
          expect(strFromU8(bytes).toLowerCase().includes(DRAFT_MARKER), `${format} ${slug}: ${path}`).toBe(false);
          expect(path).not.toContain('calculus-draft');
        }
      }
    }
  });

  it('refuses to export the unpublished course and says how to publish it', () => {
    const result = runExport(['calculus-draft', '--format', 'cc', '--dist', dist, '--out', join(root, 'refused')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^export: .*calculus-draft\/course\.yaml: isPublished: course "calculus-draft" is not published \(set isPublished: true/);
    expect(() => readFileSync(join(root, 'refused', 'calculus-draft-cc.imscc'))).toThrow();
  });

  it('says to build first when there is no built site', () => {
    const result = runExport(['neural-networks', '--format', 'scorm12', '--dist', join(root, 'no-build'), '--out', join(root, 'refused')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no built site here: run `npm run build` first');
  });

  it('leaves the generated quizzes out when asked', () => {
    const result = runExport(['neural-networks', '--format', 'cc', '--no-generated-quizzes', '--dist', dist, '--out', join(root, 'authored-only')]);
    expect(result.status).toBe(0);
    const zip = readZip(join(root, 'authored-only', 'neural-networks-cc.imscc'));
    const course = courses.find((c) => c.slug === 'neural-networks')!;
    const assessments = manifestOf(zip).resources.resource.filter((r) => r['@_type'].includes('assessment'));
    expect(assessments).toHaveLength(course.items.filter((i) => i.type === 'quiz').length);
  });

  it('scorm12: pages use relative links only and load no script from another host but YouTube', () => {
    for (const zip of Object.values(packages.scorm12)) {
      for (const path of Object.keys(zip).filter((p) => p.endsWith('.html'))) {
        const html = text(zip, path);
        for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) expect(m[1], path).not.toMatch(/^(https?:)?\/\//);
        for (const m of html.matchAll(/\s(?:href|src|component-url|renderer-url)="(\/[^/"][^"]*)"/g))
          expect.fail(`${path} still has a site-absolute link ${m[1]}`);
      }
    }
  });
});

describe('the SCORM 1.2 package in an LMS', () => {
  let lms: StaticServer;
  let browser: Browser;
  let config: { course: string; start: string; items: { key: string; page: string; quiz: boolean }[] };
  const slug = 'neural-networks';
  const course = () => courses.find((c) => c.slug === slug)!;

  beforeAll(async () => {
    const result = runExport([slug, '--format', 'scorm12', '--dist', dist, '--out', join(root, 'scorm')]);
    expect(result.status).toBe(0);
    const site = join(root, 'lms-site');
    for (const [path, bytes] of Object.entries(readZip(join(root, 'scorm', `${slug}-scorm12.zip`)))) {
      mkdirSync(dirname(join(site, 'pkg', path)), { recursive: true });
      writeFileSync(join(site, 'pkg', path), bytes);
    }
    mkdirSync(join(site, 'lms'), { recursive: true });
    copyFileSync(join(process.cwd(), 'node_modules', 'scorm-again', 'dist', 'scorm12.js'), join(site, 'lms', 'scorm12.js'));
    writeFileSync(
      join(site, 'lms', 'index.html'),
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><script src="scorm12.js"></script></head><body><iframe id="sco" title="Course" style="display:block;inline-size:100%;block-size:100vh;border:0"></iframe></body></html>',
    );
    const launch = readFileSync(join(site, 'pkg', 'index.html'), 'utf8');
    config = JSON.parse(/<script type="application\/json" id="learnspace-course">(.*?)<\/script>/s.exec(launch)![1]!);
    lms = await serveDir(site);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await lms?.close();
  });

  type Cmi = { core: { lesson_status: string; lesson_location: string; exit: string; score: { raw: string } }; suspend_data: string };
  const cmi = (page: Page) => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API: { cmi: unknown } }).API.cmi)) as Cmi);

  /** Opens the LMS page, starts scorm-again (with what the LMS kept from before) and launches the package. */
  async function launch(saved?: object): Promise<{ page: Page; course: () => Promise<Frame> }> {
    const page = await newPage(browser, { viewport: { width: 1300, height: 950 } });
    await page.goto(`${lms.url}/lms/index.html`);
    await page.evaluate((saved) => {
      const w = window as unknown as { Scorm12API: new (s: object) => { loadFromJSON: (j: object) => void }; API: unknown };
      const api = new w.Scorm12API({ autocommit: false, logLevel: 5 });
      if (saved) api.loadFromJSON(saved);
      w.API = api;
      (document.getElementById('sco') as HTMLIFrameElement).src = '../pkg/index.html';
    }, saved);
    const course = async () => {
      const wrapper = await (await page.locator('#sco').elementHandle())!.contentFrame();
      await wrapper!.locator('#learnspace-frame').waitFor({ state: 'attached' });
      return (await (await wrapper!.locator('#learnspace-frame').elementHandle())!.contentFrame())!;
    };
    return { page, course };
  }

  const pageOf = (type: string) => config.items.find((i) => course().items.find((c) => c.key === i.key)?.type === type)!;
  const patient = { timeout: 15_000 };

  async function passQuiz(frame: Frame, key: string) {
    const item = course().items.find((i) => i.key === key)!;
    if (item.type !== 'quiz' || item.data.type !== 'quiz') throw new Error(`${key} is not a quiz`);
    const fieldsets = frame.locator('fieldset.quiz-question');
    await fieldsets.first().waitFor();
    for (const [i, q] of item.data.questions.entries()) await fieldsets.nth(i).locator('input[type="radio"]').nth(q.answer).check();
    await frame.getByRole('button', { name: 'Check my answers' }).click();
    await frame.getByText('Well done, you passed!').waitFor();
  }

  let firstSession: Cmi;

  it('reports an opened course as incomplete, tracks the page and scores a passed quiz', async () => {
    const { page, course: frameOf } = await launch();
    let frame = await frameOf();
    await frame.locator('h1').filter({ hasText: course().data.name }).waitFor(patient);
    await expect.poll(async () => (await cmi(page)).core.lesson_status, patient).toBe('incomplete');

    const text = pageOf('text');
    await frame
      .locator(`a[href$="${posix.relative(posix.dirname(config.start), text.page)}"]`)
      .first()
      .click();
    frame = await frameOf();
    await frame.getByRole('checkbox', { name: 'Completed' }).check(patient);
    await expect.poll(async () => (await cmi(page)).core.lesson_location, patient).toBe(text.page);

    const quiz = pageOf('quiz');
    await frame.goto(`${lms.url}/pkg/${quiz.page}`);
    await passQuiz(frame, quiz.key);
    const quizCount = config.items.filter((i) => i.quiz).length;
    await expect.poll(async () => (await cmi(page)).core.score.raw, patient).toBe(String(Math.round(100 / quizCount)));
    const state = await cmi(page);
    expect(state.core.lesson_status).toBe('incomplete');
    expect(state.core.lesson_location).toBe(quiz.page);
    const suspend = JSON.parse(state.suspend_data) as { i: Record<string, { completed: boolean; quiz?: { bestScore: number } }> };
    expect(suspend.i[config.items.indexOf(quiz)]).toMatchObject({ completed: true, quiz: { bestScore: 100 } });
    expect(suspend.i[config.items.indexOf(text)]).toMatchObject({ completed: true });
    expect(Object.keys(suspend.i)).toHaveLength(2);

    // The learner leaves: the LMS closes the frame, and the package suspends.
    await page.evaluate(() => document.getElementById('sco')!.remove());
    await expect.poll(async () => (await cmi(page)).core.exit, patient).toBe('suspend');
    firstSession = await cmi(page);
    await page.context().close();
  });

  it('resumes a second launch where the learner left off, from the LMS alone, and completes the course', async () => {
    expect(firstSession).toBeDefined();
    // A fresh browser profile: nothing in localStorage, so all progress comes from the LMS.
    const { page, course: frameOf } = await launch({
      core: {
        lesson_status: firstSession.core.lesson_status,
        lesson_location: firstSession.core.lesson_location,
        entry: 'resume',
        score: firstSession.core.score,
      },
      suspend_data: firstSession.suspend_data,
    });
    let frame = await frameOf();
    const quiz = pageOf('quiz');
    await expect.poll(() => frame.url(), patient).toBe(`${lms.url}/pkg/${quiz.page}`);
    // A quiz item completes by passing (no checkbox); the resumed progress says it was passed.
    const completedIn = (f: typeof frame, key: string) =>
      f.evaluate(
        (k) =>
          (JSON.parse(localStorage.getItem('learnspace:progress') ?? '{}') as { items?: Record<string, { completed?: boolean }> }).items?.[k]?.completed ??
          false,
        key,
      );
    await expect.poll(() => completedIn(frame, quiz.key), patient).toBe(true);

    for (const item of config.items) {
      await frame.goto(`${lms.url}/pkg/${item.page}`);
      frame = await frameOf();
      if (course().items.find((c) => c.key === item.key)?.type === 'quiz') {
        if (!(await completedIn(frame, item.key))) await passQuiz(frame, item.key);
        continue;
      }
      const box = frame.getByRole('checkbox', { name: 'Completed' });
      await expect.poll(() => box.isEnabled(), patient).toBe(true);
      if (!(await box.isChecked())) await box.check();
    }
    await expect.poll(async () => (await cmi(page)).core.lesson_status, patient).toBe('completed');
    const state = await cmi(page);
    // Every quiz item now passed with full marks; a video's generated quiz left unanswered counts 0.
    const quizItems = config.items.filter((i) => course().items.find((c) => c.key === i.key)?.type === 'quiz').length;
    expect(state.core.score.raw).toBe(String(Math.round((100 * quizItems) / config.items.filter((i) => i.quiz).length)));
    const suspend = JSON.parse(state.suspend_data) as { i: Record<string, { completed: boolean }> };
    expect(Object.values(suspend.i).filter((r) => r.completed)).toHaveLength(config.items.length);
    await frame.goto(`${lms.url}/pkg/${config.start}`);
    await frame.getByText(`All ${config.items.length} items done`).first().waitFor(patient);
    await page.evaluate(() => document.getElementById('sco')!.remove());
    await expect.poll(async () => (await cmi(page)).core.exit, patient).toBe('');
    await page.context().close();
  });

  it('works outside an LMS: progress stays in localStorage and the next visit opens the last item', async () => {
    const page = await newPage(browser);
    await page.goto(`${lms.url}/pkg/index.html`);
    let frame = (await (await page.locator('#learnspace-frame').elementHandle())!.contentFrame())!;
    await frame.locator('h1').first().waitFor(patient);
    const text = pageOf('text');
    await frame.goto(`${lms.url}/pkg/${text.page}`);
    await frame.getByRole('checkbox', { name: 'Completed' }).check(patient);
    const stored = await page.evaluate(
      () => JSON.parse(localStorage.getItem('learnspace:progress') ?? '{}') as { items: Record<string, { completed: boolean }> },
    );
    expect(stored.items[text.key]).toMatchObject({ completed: true });
    await page.reload();
    frame = (await (await page.locator('#learnspace-frame').elementHandle())!.contentFrame())!;
    await expect.poll(() => frame.url(), patient).toBe(`${lms.url}/pkg/${text.page}`);
    await expect.poll(() => frame.getByRole('checkbox', { name: 'Completed' }).isChecked(), patient).toBe(true);
    await page.context().close();
  });

  it('shows the course as the site does, at phone and desktop widths, light and dark', async () => {
    for (const width of [375, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await newPage(browser, { viewport: { width, height: 900 }, colorScheme });
        await page.goto(`${lms.url}/lms/index.html`);
        await page.evaluate(() => {
          const w = window as unknown as { Scorm12API: new (s: object) => unknown; API: unknown };
          w.API = new w.Scorm12API({ autocommit: false, logLevel: 5 });
          (document.getElementById('sco') as HTMLIFrameElement).src = '../pkg/index.html';
        });
        const wrapper = page.frameLocator('#sco');
        for (const [name, target] of [
          ['course', config.start],
          ['quiz', pageOf('quiz').page],
        ] as const) {
          const inner = (await (await wrapper.locator('#learnspace-frame').elementHandle())!.contentFrame())!;
          if (name !== 'course') await inner.goto(`${lms.url}/pkg/${target}`);
          await inner.locator('h1').first().waitFor(patient);
          await inner.waitForLoadState('networkidle');
          expect(
            await inner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
            `${name} at ${width}px`,
          ).toBeLessThanOrEqual(0);
          await saveScreenshot(page, `scorm-${name}-${width}-${colorScheme}`);
        }
        await page.context().close();
      }
    }
  });
});
