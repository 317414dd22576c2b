/**
 * The content check as a step: validates the whole tree (and the generated
 * notes.md and quiz.yaml instructors may edit), prints one line per
 * problem (file: field: expected, found) or a one-line summary, and hands the
 * validated content on. Warnings (a draft's unfinished parts) are printed and
 * do not stop it. Used by `npm run check` and the prebuild.
 */
import { performance } from 'node:perf_hooks';
import { contentErrors, contentWarnings, formatProblem } from '../../src/lib/friendly-errors.ts';
import { loadContentTree, type ContentTree } from '../../src/lib/content-tree.ts';
import { checkVideoMaterial } from '../../src/lib/generated-files.ts';
import type { ValidVideo } from '../../src/lib/validate-content.ts';
import { readVideoStatus } from '../../src/lib/generated-files.ts';

/**
 * Library entries without a title whose pipeline has not learned one either (YouTube was
 * unreachable when they were added, or they were never processed): the site would show the bare id.
 */
export function untitledVideoWarnings(root: string, videos: readonly ValidVideo[]): string[] {
  return videos
    .filter((v) => !v.data.title?.trim())
    .filter((v) => {
      const status = readVideoStatus(v.id, root);
      return !status.ok || (status.value.status !== 'completed' && !status.value.title);
    })
    .map(
      (v) =>
        `${v.file}: title: no title yet, so the site shows "YouTube video ${v.id}"; add \`title: ...\` to the entry (or run \`npm run videos -- process\` once YouTube can be reached)`,
    );
}

/** Checks the content under `root`; returns it when it has no errors (warnings printed), null (after printing every problem) when not. */
export function runContentCheck(root = process.cwd()): ContentTree | null {
  const started = performance.now();
  const content = loadContentTree(root);
  content.problems.push(
    ...checkVideoMaterial(
      content.videos.map((v) => v.id),
      root,
    ),
  );
  const ms = Math.round(performance.now() - started);

  const errors = contentErrors(content.problems);
  const warnings = contentWarnings(content.problems).map(formatProblem).sort();
  if (errors.length > 0) {
    const lines = errors.map(formatProblem).sort();
    const n = lines.length;
    console.error(`\n✗ ${n} problem${n === 1 ? '' : 's'} in content — fix ${n === 1 ? 'it' : 'them'} and run \`npm run check\` again:\n`);
    for (const line of [...lines, ...warnings]) console.error(`  ${line}`);
    console.error('');
    return null;
  }
  const chapters = content.courses.reduce((n, c) => n + c.chapters.length, 0);
  const items = content.courses.reduce((n, c) => n + c.chapters.reduce((m, ch) => m + ch.items.length, 0), 0);
  console.log(`✓ content OK: ${content.courses.length} courses, ${chapters} chapters, ${items} items, ${content.videos.length} videos (${ms} ms)`);
  // A draft's unfinished parts: never a failed check or build, since production leaves drafts out.
  for (const line of warnings) console.warn(`  ${line}`);
  for (const warning of untitledVideoWarnings(root, content.videos)) console.warn(`  warning: ${warning}`);
  return content;
}
