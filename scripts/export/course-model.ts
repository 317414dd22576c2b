/**
 * The course as an LMS export sees it: the validated content tree joined with
 * each video's generated material, published courses only, items in syllabus
 * order (a chapter's legacy video first), with the site path of every item page.
 */
import { loadContentTree } from '../../src/lib/content-tree.ts';
import { readVideoResult } from '../../src/lib/generated-files.ts';
import { isDraftCourse, type Course, type Item, type Notes, type VideoQuiz } from '../../src/lib/schema.ts';
import { contentErrors } from '../../src/lib/friendly-errors.ts';
import type { ValidCourse } from '../../src/lib/validate-content.ts';

/** A problem the instructor can fix; its message names the file, the field and the fix. */
export class ExportError extends Error {}

export interface ExportVideo {
  id: string;
  title: string;
  url: string;
  notes?: Notes | undefined;
  quiz?: VideoQuiz | undefined;
}

interface ItemBase {
  /** `course/chapter/item`, the key the site's progress uses. */
  key: string;
  slug: string;
  chapterSlug: string;
  title: string;
  description?: string | undefined;
  /** The item's page on the site, e.g. `/courses/ml/01-intro/02-reading/`. */
  pagePath: string;
  /** The authored file, for messages. */
  file: string;
}

export type ExportItem =
  (ItemBase & { type: 'video'; video: ExportVideo }) | (ItemBase & { type: Exclude<Item['type'], 'video'>; data: Exclude<Item, { type: 'video' }> });

export interface ExportChapter {
  slug: string;
  name: string;
  description?: string | undefined;
  items: ExportItem[];
}

export interface ExportCourse {
  slug: string;
  file: string;
  data: Course;
  chapters: ExportChapter[];
  items: ExportItem[];
}

/** Published and not a draft: the same rule as the production site. */
export const isPublished = (course: Course): boolean => !isDraftCourse(course);

export interface CourseSet {
  published: ExportCourse[];
  /** Unpublished or draft courses: never exported, only named in messages. */
  hidden: { slug: string; file: string }[];
}

/** Reads and validates the content tree; fails on any content error, as the build does (a draft's warnings do not: drafts are not exported). */
export function loadPublishedCourses(root: string): CourseSet {
  const content = loadContentTree(root);
  const errors = contentErrors(content.problems);
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new ExportError(
      `the content has ${errors.length} problem(s), e.g. ${first.file}: ${first.field ? `${first.field}: ` : ''}${first.message} (run \`npm run check\` and fix them first)`,
    );
  }
  const videoEntries = new Map(content.videos.map((v) => [v.id, v]));
  const video = (id: string): ExportVideo => {
    const entry = videoEntries.get(id);
    const cached = readVideoResult(id, root);
    const result = cached.ok ? cached.value : undefined;
    return {
      id,
      title: result?.meta.title ?? entry?.data.title ?? `YouTube video ${id}`,
      url: entry?.data.url ?? `https://www.youtube.com/watch?v=${id}`,
      notes: result?.notes,
      quiz: result?.quiz,
    };
  };
  const published: ExportCourse[] = [];
  const hidden: CourseSet['hidden'] = [];
  for (const course of content.courses) {
    if (isPublished(course.data)) published.push(toExportCourse(course, video));
    else hidden.push({ slug: course.slug, file: course.file });
  }
  return { published, hidden };
}

function toExportCourse(course: ValidCourse, video: (id: string) => ExportVideo): ExportCourse {
  const chapters: ExportChapter[] = course.chapters.map((ch) => {
    const base = (slug: string, file: string) => ({
      key: `${course.slug}/${ch.slug}/${slug}`,
      slug,
      chapterSlug: ch.slug,
      pagePath: `/courses/${course.slug}/${ch.slug}/${slug}/`,
      file,
    });
    const items: ExportItem[] = [];
    if (ch.data.video) {
      const v = video(ch.data.video);
      items.push({ ...base('video', ch.file), type: 'video', title: v.title, video: v });
    }
    for (const item of ch.items) {
      const d = item.data;
      if (d.type === 'video') {
        const v = video(d.video);
        items.push({ ...base(item.slug, item.file), type: 'video', title: d.title ?? v.title, description: d.description, video: v });
      } else {
        items.push({ ...base(item.slug, item.file), type: d.type, title: d.title, description: d.description, data: d });
      }
    }
    return { slug: ch.slug, name: ch.data.name, description: ch.data.description, items };
  });
  return { slug: course.slug, file: course.file, data: course.data, chapters, items: chapters.flatMap((c) => c.items) };
}

/** One course by slug, with a message that says why it cannot be exported. */
export function findPublishedCourse(courses: CourseSet, slug: string): ExportCourse {
  const course = courses.published.find((c) => c.slug === slug);
  if (course) return course;
  const hidden = courses.hidden.find((c) => c.slug === slug);
  if (hidden) {
    throw new ExportError(
      `${hidden.file}: isPublished: course "${slug}" is not published (set isPublished: true and a status other than draft, then build); only published courses are exported`,
    );
  }
  const known = courses.published.map((c) => c.slug).join(', ') || 'none';
  throw new ExportError(`no course "${slug}" in content/courses (published courses: ${known})`);
}
