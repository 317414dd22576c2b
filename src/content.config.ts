/**
 * Astro content collections over the authored tree and the pipeline's cache.
 * Every shape comes from src/lib/schema.ts; `npm run check` (run before every
 * build) reports the same problems with friendlier wording and the rules
 * that span files.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { courseSchema, chapterSchema, itemSchema, videoEntrySchema, videoResultSchema, videoStatusFileSchema } from './lib/schema.ts';
import { contentDir } from './lib/content-files.ts';
import { generatedDir, readVideoResult, readVideoStatus } from './lib/video-cache.ts';
import { readdirSync } from 'node:fs';

const videoCacheEntrySchema = z.object({ status: videoStatusFileSchema, result: videoResultSchema.nullable() });
type VideoCacheEntry = z.infer<typeof videoCacheEntrySchema>;

const base = contentDir();
const stripExt = ({ entry }: { entry: string }) => entry.replace(/\.(ya?ml|mdx)$/, '');

const courses = defineCollection({
  loader: glob({ base: `${base}/courses`, pattern: '*/course.yaml', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: courseSchema,
});

const chapters = defineCollection({
  loader: glob({ base: `${base}/courses`, pattern: '*/*/chapter.yaml', generateId: ({ entry }) => entry.split('/').slice(0, 2).join('/') }),
  schema: chapterSchema,
});

const items = defineCollection({
  loader: glob({ base: `${base}/courses`, pattern: ['*/*/*.yaml', '*/*/*.mdx', '!*/*/chapter.yaml'], generateId: stripExt }),
  schema: itemSchema,
});

const videos = defineCollection({
  loader: glob({ base: `${base}/videos`, pattern: '*.yaml', generateId: stripExt }),
  schema: videoEntrySchema,
});

/**
 * The pipeline's output merged with its status; a video without a status file is pending.
 * readVideoResult assembles the reviewable files of content/generated/videos/<id>/ (or a not yet
 * migrated <id>.json) into one VideoResult, with which parts an instructor reviewed.
 * readVideoStatus/readVideoResult validate each file against the schemas below (and turn a bad
 * file into a warning and a missing result), so the entries are stored as read instead of being
 * parsed a second time by parseData; the schema still types the collection.
 */
const videoCache = defineCollection({
  loader: {
    name: 'learnspace-video-cache',
    load: async ({ store, logger, watcher }) => {
      store.clear();
      let ids: string[] = [];
      try {
        ids = readdirSync(`${base}/videos`).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
      } catch {
        ids = [];
      }
      for (const id of ids) {
        const status = readVideoStatus(id);
        const result = readVideoResult(id);
        if (!status.ok && !status.missing) logger.warn(status.error);
        if (!result.ok && !result.missing) logger.warn(result.error);
        const data: VideoCacheEntry = {
          status: status.ok ? status.value : { status: 'pending', attempts: 0, updatedAt: new Date(0).toISOString() },
          result: result.ok ? result.value : null,
        };
        store.set({ id, data });
      }
      watcher?.add(generatedDir());
    },
  },
  schema: videoCacheEntrySchema,
});

export const collections = { courses, chapters, items, videos, videoCache };
