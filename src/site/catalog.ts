/**
 * The one typed loader every page uses:
 * courses → chapters → items, with library videos and their generated
 * material joined in, drafts filtered out of production builds.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { isDraftCourse, type ItemType, type VideoChapter, type VideoResult, type VideoStatusFile } from '../lib/schema.ts';
import { contentErrors } from '../lib/friendly-errors.ts';
import { contentProblemsError, CURRENT_PROBLEMS } from './content-loader.ts';
import type { CourseNode } from '../lib/content-tree.ts';
import { courseShownStatus, learnerVideoState, videoDurationSeconds, videoTitle, type ShownStatus } from '../lib/video-state.ts';
import { thumbnailPath } from '../lib/thumbnails.ts';
import { pendingStatus, readVideoResult } from '../lib/generated-files.ts';
import { siteConfig } from '../lib/site-config.ts';
export { formatDuration } from '../browser/format.ts';
export { itemTypeLabels, placeOf, type ItemPlace } from './course-shape.ts';

/** True under `astro dev` (set from Astro's command in astro.config.mjs, not from the environment). */
export const isDevServer: boolean = __LEARNSPACE_DEV__;

/** Drafts are shown in `astro dev` and when LEARNSPACE_DRAFTS=1 (pull request previews). */
export const showDrafts = isDevServer || siteConfig().drafts;

export type { ShownStatus } from '../lib/video-state.ts';

export interface LibraryVideo {
  id: string;
  url: string;
  title: string;
  status: VideoStatusFile;
  result: VideoResult | null;
  durationSeconds: number;
  thumbnailUrl: string;
  /** The lecture's own chapters: the instructor's, else YouTube's. */
  chapters: VideoChapter[];
}

export interface CourseItem {
  /** Stable id used for progress: `course/chapter/item`. */
  key: string;
  slug: string;
  type: ItemType;
  title: string;
  description?: string | undefined;
  order: number;
  /** Estimated length in seconds, for syllabus and totals. */
  seconds: number;
  href: string;
  /** The authored entry (absent for a chapter's legacy video). */
  entry?: CollectionEntry<'items'> | undefined;
  video?: LibraryVideo | undefined;
  legacy: boolean;
}

export interface CourseChapter {
  slug: string;
  key: string;
  name: string;
  description?: string | undefined;
  order: number;
  items: CourseItem[];
}

export interface CourseWithStructure {
  slug: string;
  data: CourseNode['data'];
  href: string;
  /** As learners see it: a video serving its last good material counts as ready. */
  shownStatus: ShownStatus;
  /** As the instructor dashboard shows it: any failed video makes it failed. */
  instructorStatus: ShownStatus;
  isDraft: boolean;
  chapters: CourseChapter[];
  items: CourseItem[];
  totalSeconds: number;
  thumbnailUrl?: string | undefined;
}

const WORDS_PER_MINUTE = 200;
/** An assignment is work, not reading: its instructions' length times this, and at least ASSIGNMENT_MIN_SECONDS. */
const ASSIGNMENT_WORK_FACTOR = 10;
const ASSIGNMENT_MIN_SECONDS = 15 * 60;

let libraryCache: Promise<Map<string, LibraryVideo>> | undefined;
/** The video library: videos exist independently of courses. */
export function getLibrary(): Promise<Map<string, LibraryVideo>> {
  libraryCache ??= (async () => {
    await courseTree();
    const [entries, cache] = await Promise.all([getCollection('videos'), getCollection('videoCache')]);
    const byId = new Map(cache.map((c) => [c.id, c.data]));
    const library = new Map<string, LibraryVideo>();
    for (const e of entries) {
      const cached = byId.get(e.id);
      // Read here, not through the data store (see videoCache in content.config.ts); a bad file was reported by the prebuild's check.
      const read = readVideoResult(e.id);
      if (!read.ok && !read.missing) console.warn(`warning: ${read.error}`);
      const result = read.ok ? read.value : null;
      const status: VideoStatusFile = cached?.status ?? pendingStatus();
      library.set(e.id, {
        id: e.id,
        url: e.data.url,
        title: videoTitle(e.id, e.data, status, result),
        status,
        result,
        durationSeconds: videoDurationSeconds(status, result),
        thumbnailUrl: thumbnailPath(e.id),
        chapters: e.data.chapters ?? result?.meta.chapters ?? [],
      });
    }
    return library;
  })();
  return libraryCache;
}

const wordCount = (entry: CollectionEntry<'items'>) => (entry.body ?? '').split(/\s+/).filter(Boolean).length;

function estimateSeconds(entry: CollectionEntry<'items'>, video?: LibraryVideo): number {
  const d = entry.data;
  if (d.minutes) return d.minutes * 60;
  switch (d.type) {
    case 'video':
      return video?.durationSeconds ?? 0;
    case 'text':
      return Math.max(60, Math.round((wordCount(entry) / WORDS_PER_MINUTE) * 60));
    case 'assignment':
      return Math.max(ASSIGNMENT_MIN_SECONDS, Math.round((wordCount(entry) / WORDS_PER_MINUTE) * 60 * ASSIGNMENT_WORK_FACTOR));
    case 'quiz':
      return d.questions.length * 60;
    case 'resource':
      // An external page or file has no knowable length; only an authored `minutes` counts.
      return 0;
  }
}

/** True when a course may appear in this build. */
export function isVisible(course: CourseNode['data']): boolean {
  return showDrafts || !isDraftCourse(course);
}

let publicLibraryCache: Promise<Map<string, LibraryVideo>> | undefined;
/**
 * The library as learners see it: a video used only by courses hidden from this build
 * (drafts, unpublished) stays out, with its notes and transcript, until one of them ships.
 * Videos no course uses yet are part of the library and stay in.
 */
export function getPublicLibrary(): Promise<Map<string, LibraryVideo>> {
  publicLibraryCache ??= (async () => {
    const library = await getLibrary();
    if (showDrafts) return library;
    const usedByHidden = new Set<string>();
    const usedByVisible = new Set<string>();
    for (const course of await courseTree()) {
      const used = isVisible(course.data) ? usedByVisible : usedByHidden;
      for (const chapter of course.chapters) {
        if (chapter.data.video) used.add(chapter.data.video);
        for (const item of chapter.items) if (item.data.type === 'video') used.add(item.data.video);
      }
    }
    return new Map([...library].filter(([id]) => usedByVisible.has(id) || !usedByHidden.has(id)));
  })();
  return publicLibraryCache;
}

/**
 * The validated course tree from the content loader, in folder order. Under `astro dev` a content
 * error throws here, so every page shows it in the error overlay instead of serving stale content;
 * warnings (a draft's unfinished parts) do not.
 */
async function courseTree(): Promise<CourseNode[]> {
  const errors = contentErrors((await getEntry('contentProblems', CURRENT_PROBLEMS))?.data.problems ?? []);
  if (errors.length > 0) throw contentProblemsError(errors);
  return (await getCollection('courses')).map((c) => c.data);
}

let coursesCache: Promise<CourseWithStructure[]> | undefined;
/** Every course visible in this build, fully structured, in catalog order. */
export function getCourses(): Promise<CourseWithStructure[]> {
  coursesCache ??= (async () => {
    const [courses, items, library] = await Promise.all([courseTree(), getCollection('items'), getLibrary()]);
    // The renderable entry of each item, by its key (`course/chapter/item`).
    const itemEntries = new Map(items.map((entry) => [entry.id, entry]));
    const out: CourseWithStructure[] = [];
    for (const course of courses) {
      if (!isVisible(course.data)) continue;
      const courseHref = `/courses/${course.slug}/`;
      const courseChapters: CourseChapter[] = course.chapters.map((ch) => {
        const chapterSlug = ch.slug;
        const chapterItems: CourseItem[] = [];
        if (ch.data.video) {
          const video = library.get(ch.data.video);
          chapterItems.push({
            key: `${ch.key}/video`,
            slug: 'video',
            type: 'video',
            title: video?.title ?? ch.data.name,
            order: -1,
            seconds: video?.durationSeconds ?? 0,
            href: `${courseHref}${chapterSlug}/video/`,
            video,
            legacy: true,
          });
        }
        for (const { key, slug } of ch.items) {
          const entry = itemEntries.get(key)!;
          const video = entry.data.type === 'video' ? library.get(entry.data.video) : undefined;
          chapterItems.push({
            key,
            slug,
            type: entry.data.type,
            title: entry.data.title ?? video?.title ?? slug,
            description: entry.data.description,
            order: entry.data.order,
            seconds: estimateSeconds(entry, video),
            href: `${courseHref}${chapterSlug}/${slug}/`,
            entry,
            video,
            legacy: false,
          });
        }
        return { slug: chapterSlug, key: ch.key, name: ch.data.name, description: ch.data.description, order: ch.data.order, items: chapterItems };
      });
      const flat = courseChapters.flatMap((c) => c.items);
      const videos = flat.flatMap((i) => (i.video ? [i.video] : []));
      out.push({
        slug: course.slug,
        data: course.data,
        href: courseHref,
        shownStatus: courseShownStatus(course.data.status, videos),
        instructorStatus: courseShownStatus(course.data.status, videos, 'instructor'),
        isDraft: isDraftCourse(course.data),
        chapters: courseChapters,
        items: flat,
        totalSeconds: flat.reduce((n, i) => n + i.seconds, 0),
        thumbnailUrl: course.data.thumbnail ?? videos[0]?.thumbnailUrl,
      });
    }
    return out.sort((a, b) => a.data.name.localeCompare(b.data.name));
  })();
  return coursesCache;
}

type VideoUse = { course: CourseWithStructure; item: CourseItem };
let videoUsesCache: Promise<Map<string, VideoUse[]>> | undefined;
/** Courses that use a library video, for the video page; indexed once, not rescanned per page. */
export async function coursesUsingVideo(id: string): Promise<VideoUse[]> {
  videoUsesCache ??= getCourses().then((courses) => {
    const uses = new Map<string, VideoUse[]>();
    for (const course of courses) {
      for (const item of course.items) {
        if (!item.video) continue;
        const list = uses.get(item.video.id) ?? [];
        list.push({ course, item });
        uses.set(item.video.id, list);
      }
    }
    return uses;
  });
  return [...((await videoUsesCache).get(id) ?? [])];
}

/** The refs progress islands need about a course's items (keys, links, titles), in syllabus order. */
export function progressItems(course: CourseWithStructure): { key: string; href: string; title: string }[] {
  return course.items.map((i) => ({ key: i.key, href: i.href, title: i.title }));
}

/**
 * Library videos grouped by pipeline status, in the order a reader cares about. Learners see
 * a video serving material (even after a failed refresh) as completed and one without any as pending;
 * the instructor dashboard sees the real status.
 */
export function videosByStatus(
  videos: LibraryVideo[],
  audience: 'learner' | 'instructor' = 'learner',
): { status: VideoStatusFile['status']; videos: LibraryVideo[] }[] {
  const order: VideoStatusFile['status'][] = ['completed', 'processing', 'pending', 'failed'];
  const statusOf = (v: LibraryVideo): VideoStatusFile['status'] =>
    audience === 'instructor'
      ? v.status.status
      : learnerVideoState(v.status, v.result !== null) === 'preparing'
        ? v.status.status === 'processing'
          ? 'processing'
          : 'pending'
        : 'completed';
  return order
    .map((status) => ({ status, videos: videos.filter((v) => statusOf(v) === status).sort((a, b) => a.title.localeCompare(b.title)) }))
    .filter((g) => g.videos.length > 0);
}
