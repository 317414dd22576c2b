/**
 * The one typed loader every page uses (the seed's getCourseWithStructure):
 * courses → chapters → items, with library videos and their generated
 * material joined in, drafts filtered out of production builds.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { ItemType, VideoChapter, VideoResult, VideoStatusFile } from './schema.ts';
import { thumbnailPath } from './thumbnails.ts';
export { formatDuration } from './format.ts';

/** True under `astro dev` (set from Astro's command in astro.config.mjs, not from the environment). */
export const isDevServer: boolean = __LEARNSPACE_DEV__;

/** Drafts are shown in `astro dev` and when LEARNSPACE_DRAFTS=1 (pull request previews). */
export const showDrafts = isDevServer || process.env.LEARNSPACE_DRAFTS === '1';

export type ShownStatus = 'draft' | 'generating' | 'ready' | 'failed';

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
  description?: string;
  order: number;
  /** Estimated length in seconds, for syllabus and totals. */
  seconds: number;
  href: string;
  /** The authored entry (absent for a chapter's legacy video). */
  entry?: CollectionEntry<'items'>;
  video?: LibraryVideo;
  legacy: boolean;
}

export interface CourseChapter {
  slug: string;
  key: string;
  name: string;
  description?: string;
  order: number;
  items: CourseItem[];
}

export interface CourseWithStructure {
  slug: string;
  data: CollectionEntry<'courses'>['data'];
  href: string;
  shownStatus: ShownStatus;
  isDraft: boolean;
  chapters: CourseChapter[];
  items: CourseItem[];
  totalSeconds: number;
  thumbnailUrl?: string;
}

const WORDS_PER_MINUTE = 200;
/** An assignment is work, not reading: its instructions' length times this, and at least ASSIGNMENT_MIN_SECONDS. */
const ASSIGNMENT_WORK_FACTOR = 10;
const ASSIGNMENT_MIN_SECONDS = 15 * 60;

export const itemTypeLabels: Record<ItemType, string> = {
  video: 'Video',
  text: 'Reading',
  quiz: 'Quiz',
  assignment: 'Assignment',
  resource: 'Resource',
};

let libraryCache: Promise<Map<string, LibraryVideo>> | undefined;
/** The video library (seed: videos exist independently of courses). */
export function getLibrary(): Promise<Map<string, LibraryVideo>> {
  libraryCache ??= (async () => {
    const [entries, cache] = await Promise.all([getCollection('videos'), getCollection('videoCache')]);
    const byId = new Map(cache.map((c) => [c.id, c.data]));
    const library = new Map<string, LibraryVideo>();
    for (const e of entries) {
      const cached = byId.get(e.id);
      const result = cached?.result ?? null;
      library.set(e.id, {
        id: e.id,
        url: e.data.url,
        title: result?.meta.title ?? e.data.title ?? `YouTube video ${e.id}`,
        status: cached?.status ?? { status: 'pending', attempts: 0, updatedAt: new Date(0).toISOString() },
        result,
        durationSeconds: result?.meta.durationSeconds ?? 0,
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

function shownStatus(course: CollectionEntry<'courses'>['data'], videos: LibraryVideo[]): ShownStatus {
  if (course.status === 'draft') return 'draft';
  if (videos.some((v) => v.status.status === 'failed')) return 'failed';
  if (videos.some((v) => v.status.status === 'pending' || v.status.status === 'processing')) return 'generating';
  return course.status === 'failed' ? 'failed' : 'ready';
}

/** True when a course may appear in this build. */
export function isVisible(course: CollectionEntry<'courses'>['data']): boolean {
  return showDrafts || (course.isPublished && course.status !== 'draft');
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
    const [courses, chapters, items] = await Promise.all([getCollection('courses'), getCollection('chapters'), getCollection('items')]);
    const hiddenCourses = new Set(courses.filter((c) => !isVisible(c.data)).map((c) => c.id));
    const usedByHidden = new Set<string>();
    const usedByVisible = new Set<string>();
    const use = (entryId: string, video: string | undefined) => {
      if (video) (hiddenCourses.has(entryId.split('/')[0]!) ? usedByHidden : usedByVisible).add(video);
    };
    for (const ch of chapters) use(ch.id, ch.data.video);
    for (const item of items) use(item.id, item.data.type === 'video' ? item.data.video : undefined);
    return new Map([...library].filter(([id]) => usedByVisible.has(id) || !usedByHidden.has(id)));
  })();
  return publicLibraryCache;
}

/** `course/chapter` for an item id, `course` for a chapter id. */
const parentId = (id: string) => id.slice(0, id.lastIndexOf('/'));

let coursesCache: Promise<CourseWithStructure[]> | undefined;
/** Every course visible in this build, fully structured, in catalog order. */
export function getCourses(): Promise<CourseWithStructure[]> {
  coursesCache ??= (async () => {
    const [courses, chapters, items, library] = await Promise.all([
      getCollection('courses'),
      getCollection('chapters'),
      getCollection('items'),
      getLibrary(),
    ]);
    // Grouped once: filtering every chapter's items out of all items was O(chapters × items).
    const chaptersByCourse = Map.groupBy(chapters, (ch) => parentId(ch.id));
    const itemsByChapter = Map.groupBy(items, (i) => parentId(i.id));
    const out: CourseWithStructure[] = [];
    for (const course of courses) {
      if (!isVisible(course.data)) continue;
      const courseHref = `/courses/${course.id}/`;
      const courseChapters: CourseChapter[] = [...(chaptersByCourse.get(course.id) ?? [])]
        .sort((a, b) => a.data.order - b.data.order)
        .map((ch) => {
          const chapterSlug = ch.id.split('/')[1]!;
          const chapterItems: CourseItem[] = [];
          if (ch.data.video) {
            const video = library.get(ch.data.video);
            chapterItems.push({
              key: `${ch.id}/video`,
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
          for (const entry of [...(itemsByChapter.get(ch.id) ?? [])].sort((a, b) => a.data.order - b.data.order)) {
            const slug = entry.id.split('/')[2]!;
            const video = entry.data.type === 'video' ? library.get(entry.data.video) : undefined;
            chapterItems.push({
              key: entry.id,
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
          return { slug: chapterSlug, key: ch.id, name: ch.data.name, description: ch.data.description, order: ch.data.order, items: chapterItems };
        });
      const flat = courseChapters.flatMap((c) => c.items);
      const videos = flat.flatMap((i) => (i.video ? [i.video] : []));
      out.push({
        slug: course.id,
        data: course.data,
        href: courseHref,
        shownStatus: shownStatus(course.data, videos),
        isDraft: !course.data.isPublished || course.data.status === 'draft',
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
/** Courses that use a library video, for the video page (seed: chapters by_videoId); indexed once, not rescanned per page. */
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

export interface ItemPlace {
  chapter: CourseChapter;
  previous?: CourseItem;
  next?: CourseItem;
  /** 1-based position in the course, for "3 of 12". */
  position: number;
}

/** Where an item sits in its course: its chapter and its neighbours across chapter boundaries. */
export function placeOf(course: CourseWithStructure, item: CourseItem): ItemPlace {
  const index = course.items.findIndex((i) => i.key === item.key);
  const chapter = course.chapters.find((c) => c.items.some((i) => i.key === item.key));
  if (index < 0 || !chapter) throw new Error(`item ${item.key} is not part of course ${course.slug}`);
  return { chapter, previous: course.items[index - 1], next: course.items[index + 1], position: index + 1 };
}

/** Library videos grouped by pipeline status, in the order a reader cares about. */
export function videosByStatus(videos: LibraryVideo[]): { status: VideoStatusFile['status']; videos: LibraryVideo[] }[] {
  const order: VideoStatusFile['status'][] = ['completed', 'processing', 'pending', 'failed'];
  return order
    .map((status) => ({ status, videos: videos.filter((v) => v.status.status === status).sort((a, b) => a.title.localeCompare(b.title)) }))
    .filter((g) => g.videos.length > 0);
}
