/**
 * The Astro content loader over loadContentTree: the site's course, item,
 * video and problem collections come from the same validated tree as
 * `npm run check`. An error fails `astro build` with the check's message; under
 * `astro dev` it is kept in `contentProblems` and every page shows it in the
 * error overlay until the file is fixed. Warnings (a draft's unfinished parts)
 * are logged and never stop a build or a page.
 */
import { sep } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { AstroError } from 'astro/errors';
import { contentDir } from '../lib/content-files.ts';
import { loadContentTree, type ContentTree } from '../lib/content-tree.ts';
import {
  CONTENT_PROBLEMS_ERROR,
  contentErrors,
  contentWarnings,
  formatProblem,
  recordContentProblemCount,
  type ContentProblem,
} from '../lib/friendly-errors.ts';

export type ContentPart = 'courses' | 'items' | 'videos' | 'contentProblems';

/** The id of the one `contentProblems` entry. */
export const CURRENT_PROBLEMS = 'current';

/** The error a page or a build shows for content problems: one line per problem, as `npm run check` prints them. */
export function contentProblemsError(problems: readonly ContentProblem[]): AstroError {
  const n = problems.length;
  const lines = problems.map(formatProblem).sort();
  const error = new AstroError(
    `${n} problem${n === 1 ? '' : 's'} in content:\n${lines.join('\n')}`,
    'Fix the file and field named above; `npm run check` lists the same problems.',
  );
  // The author needs the file and field, not where in Learnspace the problem was noticed.
  error.name = CONTENT_PROBLEMS_ERROR;
  error.stack = '';
  return error;
}

/** Prints a draft's unfinished parts, as `npm run check` does, without failing anything. */
function logWarnings({ logger }: LoaderContext, tree: ContentTree): void {
  const lines = contentWarnings(tree.problems).map(formatProblem).sort();
  if (lines.length > 0)
    logger.warn(`${lines.length} warning${lines.length === 1 ? '' : 's'} in draft content (production builds leave drafts out):\n${lines.join('\n')}`);
}

function fill(part: ContentPart, { store }: LoaderContext, tree: ContentTree): void {
  store.clear();
  if (part === 'contentProblems') {
    // Always one entry, so the collection is never empty (Astro warns on every read of an empty one).
    store.set({ id: CURRENT_PROBLEMS, data: { problems: tree.problems.map((p) => ({ ...p })) } });
    return;
  }
  if (part === 'videos') {
    for (const video of tree.videos) store.set({ id: video.id, data: video.data, filePath: video.file });
    return;
  }
  if (part === 'courses') {
    for (const course of tree.courses) store.set({ id: course.slug, data: course, filePath: course.file });
    return;
  }
  for (const course of tree.courses) {
    for (const chapter of course.chapters) {
      for (const item of chapter.items) {
        // MDX items render from their file, as the glob loader would store them.
        store.set({
          id: item.key,
          data: item.data,
          ...(item.body === undefined ? {} : { body: item.body }),
          filePath: item.file,
          deferredRender: item.file.endsWith('.mdx'),
        });
      }
    }
  }
}

/**
 * One loader per collection, sharing one read of the tree per sync. Under `astro dev`, an edit to
 * any authored file re-reads the tree once and refills every collection.
 */
export function contentTreeLoaders(root = process.cwd()): Record<ContentPart, Loader> {
  const base = contentDir(root);
  const generated = `${base}${sep}generated${sep}`;
  const contexts = new Map<ContentPart, LoaderContext>();
  let current: Promise<ContentTree> | undefined;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const read = () =>
    (current ??= Promise.resolve()
      .then(() => loadContentTree(root))
      .then((tree) => {
        recordContentProblemCount(contentErrors(tree.problems).length);
        return tree;
      }));

  const reloadAll = async () => {
    current = undefined;
    const tree = await read();
    const problems = contexts.get('contentProblems');
    if (problems) fill('contentProblems', problems, tree);
    // A broken tree keeps the last good collections; the pages show the errors instead of them.
    if (contentErrors(tree.problems).length > 0) {
      problems?.logger.error(contentProblemsError(contentErrors(tree.problems)).message);
      return;
    }
    if (problems) logWarnings(problems, tree);
    for (const [part, context] of contexts) if (part !== 'contentProblems') fill(part, context, tree);
  };

  const onChange = (path: string) => {
    if (!path.startsWith(base + sep) || path.startsWith(generated)) return;
    clearTimeout(reloadTimer);
    // Editors write a file in several steps; read the tree once they are done.
    reloadTimer = setTimeout(() => void reloadAll(), 50);
  };

  const loader = (part: ContentPart): Loader => ({
    name: `learnspace-content-${part}`,
    load: async (context) => {
      contexts.set(part, context);
      const tree = await read();
      const errors = contentErrors(tree.problems);
      if (errors.length > 0 && !context.watcher) throw contentProblemsError(errors);
      if (part === 'contentProblems' || errors.length === 0) fill(part, context, tree);
      if (part === 'contentProblems') {
        if (errors.length > 0) context.logger.error(contentProblemsError(errors).message);
        else logWarnings(context, tree);
        if (context.watcher) {
          context.watcher.add(base);
          context.watcher.on('all', (_event, path) => onChange(path));
        }
      }
    },
  });

  return { courses: loader('courses'), items: loader('items'), videos: loader('videos'), contentProblems: loader('contentProblems') };
}
