/**
 * A copy of the sample content with the video cache in known states, built
 * into its own folders: most videos processed by the real pipeline (offline
 * provider, committed caption files), one failed and one pending, so tests do
 * not depend on what happens to be in content/generated or in the shared dist/.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from './build.ts';

export const fixtureVideos = { completed: 'aircAruvnKk', failed: 'Ilg3gGewQ5U', pending: 'XkY2DOUCWMU' } as const;
export const fixtureFailure = 'fixture: the caption file could not be parsed (line 3)';
/** A course item that hides its video's generated quiz (`quiz: false`), and a video whose quiz an instructor marked reviewed. */
export const fixtureQuizOff = { item: 'linear-algebra/02-span-and-basis/01-lecture', video: 'k7RM-ot2NWY' } as const;
export const fixtureReviewedQuiz = 'IHZwWFHWa-w';

/** Copies content/ under `root` and runs the pipeline on it; returns the content folder. */
export function prepareFixtureContent(root: string): string {
  const content = join(root, 'content');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(join(process.cwd(), 'content'), content, { recursive: true, filter: (src) => !src.includes(join('content', 'generated')) });
  const env = { ...process.env, LEARNSPACE_CONTENT: content, LEARNSPACE_NO_YOUTUBE: '1' };
  execFileSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['scripts/videos.ts', 'process', '--quiet'], { cwd: process.cwd(), env, stdio: 'pipe' });
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
  return content;
}

/** Builds the fixture content into `<root>/<name>` with extra environment; returns the output folder. */
export function buildFixtureSite(root: string, content: string, name: string, env: Record<string, string> = {}): string {
  const outDir = join(root, name);
  buildSite(outDir, { LEARNSPACE_CONTENT: content, LEARNSPACE_CACHE_DIR: join(root, `${name}-cache`), ...env });
  return outDir;
}

/** The video tests' site: fixture content, production build. */
export function buildVideoFixtureSite(root: string): { outDir: string } {
  return { outDir: buildFixtureSite(root, prepareFixtureContent(root), 'dist') };
}
