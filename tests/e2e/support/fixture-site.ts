/**
 * A copy of the sample content with the video cache in known states, built
 * into its own folders: most videos processed by the real pipeline (offline
 * provider, committed caption files), one failed and one pending, so tests do
 * not depend on what happens to be in content/generated or in the shared dist/.
 * The global setup builds it once for every file that reads it (`inject('fixture')`).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSite } from './build.ts';

export const fixtureVideos = { completed: 'aircAruvnKk', failed: 'Ilg3gGewQ5U', pending: 'XkY2DOUCWMU' } as const;
export const fixtureFailure = 'fixture: the caption file could not be parsed (line 3)';
/** A course item that hides its video's generated quiz (`quiz: false`), and a video whose quiz an instructor marked reviewed. */
export const fixtureQuizOff = { item: 'linear-algebra/02-span-and-basis/01-lecture', video: 'k7RM-ot2NWY' } as const;
export const fixtureReviewedQuiz = 'IHZwWFHWa-w';
/** A published course with only the required name: no description, no author. */
export const fixtureBareCourse = { slug: 'bare-course', name: 'A course with only a name' } as const;
/** A draft just started: a course.yaml and no chapter yet, a warning that must not fail the build. */
export const fixtureEmptyDraft = { slug: 'empty-draft', name: 'A draft with no chapters yet' } as const;

/**
 * A chapter of the bare course with TeX: a text item (inline, display, chemistry, a price) and a quiz
 * with formulas in its prompt, choices and explanation; `searchTerm` occurs only inside a formula.
 */
export const fixtureMath = {
  text: 'bare-course/02-formulas/01-formulas',
  quiz: 'bare-course/02-formulas/02-formula-quiz',
  searchTerm: 'softplus',
} as const;

/** Where the shared fixture lives: its content, its production build and its build with drafts. */
export interface FixtureSite {
  content: string;
  dist: string;
  preview: string;
}

/** The pipeline CLI, run as the npm script runs it (Node's own type stripping). */
export async function runVideosCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/videos.ts', ...args], { cwd: process.cwd(), env, maxBuffer: 16 * 1024 * 1024 });
}

/** Copies content/ under `root` and runs the pipeline on it; returns the content folder. */
export async function prepareFixtureContent(root: string): Promise<string> {
  const content = join(root, 'content');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(join(process.cwd(), 'content'), content, { recursive: true, filter: (src) => !src.includes(join('content', 'generated')) });
  await runVideosCli(['process', '--quiet'], { ...process.env, LEARNSPACE_CONTENT: content, LEARNSPACE_NO_YOUTUBE: '1' });
  const generated = join(content, 'generated', 'videos');
  if (!existsSync(join(generated, fixtureVideos.completed, 'meta.yaml')))
    throw new Error(`the pipeline did not process ${fixtureVideos.completed} in ${generated}`);
  rmSync(join(generated, fixtureVideos.failed), { recursive: true, force: true });
  mkdirSync(join(generated, fixtureVideos.failed));
  writeFileSync(
    join(generated, fixtureVideos.failed, 'status.json'),
    JSON.stringify({ status: 'failed', error: fixtureFailure, attempts: 3, updatedAt: '2026-01-02T03:04:05.000Z' }),
  );
  rmSync(join(generated, fixtureVideos.pending), { recursive: true, force: true });
  appendFileSync(join(content, 'courses', `${fixtureQuizOff.item}.yaml`), 'quiz: false\n');
  const reviewedQuiz = join(generated, fixtureReviewedQuiz, 'quiz.yaml');
  writeFileSync(reviewedQuiz, readFileSync(reviewedQuiz, 'utf8').replace(/^reviewed: false$/m, 'reviewed: true'));
  const chapter = join(content, 'courses', fixtureBareCourse.slug, '01-start');
  mkdirSync(chapter, { recursive: true });
  writeFileSync(join(content, 'courses', fixtureBareCourse.slug, 'course.yaml'), `name: ${fixtureBareCourse.name}\nisPublished: true\n`);
  writeFileSync(join(chapter, 'chapter.yaml'), 'name: Start\norder: 1\n');
  writeFileSync(join(chapter, '01-welcome.mdx'), '---\ntype: text\norder: 1\ntitle: Welcome\n---\n\nHello.\n');
  mkdirSync(join(content, 'courses', fixtureEmptyDraft.slug));
  writeFileSync(join(content, 'courses', fixtureEmptyDraft.slug, 'course.yaml'), `name: ${fixtureEmptyDraft.name}\nisPublished: false\n`);
  const formulas = join(content, 'courses', fixtureMath.text, '..');
  mkdirSync(formulas, { recursive: true });
  writeFileSync(join(formulas, 'chapter.yaml'), 'name: Formulas\norder: 2\n');
  writeFileSync(
    join(formulas, '01-formulas.mdx'),
    [
      '---\ntype: text\norder: 1\ntitle: Formulas\n---\n',
      'A smooth ramp is $\\operatorname{softplus}(x) = \\ln(1 + e^x)$, and the book costs $5 and the workbook $10.',
      '',
      '$$\n\\det \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} = ad - bc\n$$',
      '',
      '<Callout type="tip">Water is $\\ce{H2O}$; `$x$` is code.</Callout>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(formulas, '02-formula-quiz.yaml'),
    [
      'type: quiz\norder: 2\ntitle: Formula quiz\nquestions:',
      "  - prompt: 'What is $\\frac{d}{dx} x^2$?'",
      "    choices: ['$2x$', '$x^2$', '$2$']",
      '    answer: 0',
      "    explanation: 'The power rule: $\\frac{d}{dx} x^n = n x^{n-1}$.'",
      '',
    ].join('\n'),
  );
  return content;
}

/** Builds the fixture content into `<root>/<name>` with extra environment; returns the output folder. */
export async function buildFixtureSite(root: string, content: string, name: string, env: Record<string, string> = {}): Promise<string> {
  const outDir = join(root, name);
  await buildSite(outDir, { LEARNSPACE_CONTENT: content, ...env });
  return outDir;
}

/** The shared fixture: its content, built for production and, with drafts, as a pull-request preview. */
export async function buildSharedFixture(root: string, { reuse = false } = {}): Promise<FixtureSite> {
  const built = { content: join(root, 'content'), dist: join(root, 'dist'), preview: join(root, 'preview') };
  // For a quick local rerun (E2E_SKIP_BUILD=1): the last builds, when both finished.
  if (reuse && existsSync(join(built.dist, 'index.html')) && existsSync(join(built.preview, 'index.html'))) return built;
  const content = await prepareFixtureContent(root);
  const [dist, preview] = await Promise.all([buildFixtureSite(root, content, 'dist'), buildFixtureSite(root, content, 'preview', { LEARNSPACE_DRAFTS: '1' })]);
  return { content, dist, preview };
}
