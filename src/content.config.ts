/**
 * Astro content collections. The authored tree (courses with their chapters
 * and items, MDX items for rendering, the video library) comes from one loader
 * over src/lib/content-tree.ts, so `astro dev` and `astro build` run every rule
 * `npm run check` runs; the pipeline's cache is read beside it.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { itemSchema, videoEntrySchema, videoStatusFileSchema } from './lib/schema.ts';
import { contentDir } from './lib/content-files.ts';
import { courseNodeSchema } from './lib/content-tree.ts';
import { contentTreeLoaders } from './site/content-loader.ts';
import { generatedDir, pendingStatus, readVideoStatus, resultRevision } from './lib/generated-files.ts';
import { readdirSync } from 'node:fs';

const videoCacheEntrySchema = z.object({ status: videoStatusFileSchema, revision: z.string() });
type VideoCacheEntry = z.infer<typeof videoCacheEntrySchema>;

const base = contentDir();
const tree = contentTreeLoaders();

/** Whole courses: chapters and items nested, in order, as validated. */
const courses = defineCollection({ loader: tree.courses, schema: courseNodeSchema });

/** Every item by its key `course/chapter/item`; MDX items render from here. */
const items = defineCollection({ loader: tree.items, schema: itemSchema });

const videos = defineCollection({ loader: tree.videos, schema: videoEntrySchema });

/** Content problems found under `astro dev` (a build stops on errors instead); pages show the errors in the error overlay. */
const contentProblems = defineCollection({
  loader: tree.contentProblems,
  schema: z.object({
    problems: z.array(z.object({ file: z.string(), field: z.string(), message: z.string(), severity: z.enum(['error', 'warning']).optional() })),
  }),
});

/**
 * Each video's pipeline status, and the revision of its result files. The results themselves
 * (transcript, notes, quiz: most of the site's text) are read from content/generated/videos/<id>/
 * by getLibrary (src/site/catalog.ts), once per build: kept out of Astro's data store, they are
 * not serialised into it, written to disk and parsed back before the pages render (about 0.4 s
 * and 5 MB on a 200-video library). The revision changes with any of those files, so `astro dev`
 * still re-renders when the pipeline or an instructor changes one.
 * readVideoStatus validates the status file (a bad one is a warning and counts as pending), so
 * entries are stored as read instead of being parsed a second time by parseData; the schema still types the collection.
 */
const videoCache = defineCollection({
  loader: {
    name: 'learnspace-video-cache',
    load: async ({ store, logger, watcher }) => {
      store.clear();
      let ids: string[];
      try {
        ids = readdirSync(`${base}/videos`)
          .filter((f) => f.endsWith('.yaml'))
          .map((f) => f.slice(0, -5));
      } catch {
        ids = [];
      }
      for (const id of ids) {
        const status = readVideoStatus(id);
        if (!status.ok && !status.missing) logger.warn(status.error);
        const data: VideoCacheEntry = { status: status.ok ? status.value : pendingStatus(), revision: resultRevision(id) };
        store.set({ id, data });
      }
      watcher?.add(generatedDir());
    },
  },
  schema: videoCacheEntrySchema,
});

export const collections = { courses, items, videos, contentProblems, videoCache };
