/**
 * Validates the raw content tree against the schemas and the rules that span
 * files (references, unique order, files that must exist), collecting every
 * problem in one pass so an instructor fixes a pull request in one go.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chapterSchema, courseSchema, isDraftCourse, itemSchema, mdxItemTypes, videoEntrySchema, itemTypes, type Item } from './schema.ts';
import { friendlyParams, zodProblems, type ContentProblem } from './friendly-errors.ts';
import type { RawContent, RawFile } from './content-files.ts';
import type { ChapterNode, ContentTree, CourseNode, ItemNode, VideoNode } from './content-tree.ts';
import { closestName } from './did-you-mean.ts';
import { contentMessages } from './content-messages.ts';

/** The validated tree; its node shapes are schemas in content-tree.ts. */
export type ValidItem = ItemNode;
export type ValidChapter = ChapterNode;
export type ValidCourse = CourseNode;
export type ValidVideo = VideoNode;
export type ValidatedContent = ContentTree;

function parseWith<T>(
  schema: { safeParse: (d: unknown, p: typeof friendlyParams) => { success: true; data: T } | { success: false; error: import('astro/zod').z.ZodError } },
  raw: RawFile,
  problems: ContentProblem[],
): T | null {
  const result = schema.safeParse(raw.data, friendlyParams);
  if (result.success) return result.data;
  problems.push(...zodProblems(raw.file, result.error));
  return null;
}

/** Validates everything; returns the valid parts and every problem found. */
export function validateContent(raw: RawContent, options: { publicDir?: string } = {}): ValidatedContent {
  const problems: ContentProblem[] = [...raw.problems];
  const publicDir = options.publicDir ?? join(raw.root, 'public');

  const videos: ValidVideo[] = [];
  for (const v of raw.videos) {
    const data = parseWith(videoEntrySchema, v, problems);
    if (!data) continue;
    if (data.youtubeVideoId !== v.id) {
      problems.push({ file: v.file, field: 'youtubeVideoId', message: contentMessages.videoIdNotFileName(v.id, data.youtubeVideoId) });
      continue;
    }
    videos.push({ id: v.id, file: v.file, data, captionFile: v.captionFile });
  }
  const libraryIds = new Set(raw.videos.map((v) => v.id));
  const missingVideo = (id: string) => contentMessages.videoNotInLibrary(id, closestName(id, libraryIds));

  const courses: ValidCourse[] = [];
  for (const rc of raw.courses) {
    const course = rc.course ? parseWith(courseSchema, rc.course, problems) : null;
    // Unfinished parts of a draft warn, of a published course they fail; a course.yaml with errors is judged by its fields as written.
    const written = rc.course?.data;
    const draft = isDraftCourse(course ?? (written && typeof written === 'object' ? written : {}));
    const unfinished = (problem: ContentProblem): ContentProblem => (draft ? { ...problem, severity: 'warning' } : problem);
    const chapters: ValidChapter[] = [];
    const chapterOrders = new Map<number, string>();
    for (const rch of rc.chapters) {
      const chapter = rch.chapter ? parseWith(chapterSchema, rch.chapter, problems) : null;
      if (chapter && rch.chapter) {
        const clash = chapterOrders.get(chapter.order);
        if (clash) problems.push({ file: rch.chapter.file, field: 'order', message: contentMessages.chapterOrderTaken(chapter.order, clash) });
        else chapterOrders.set(chapter.order, rch.chapter.file);
        if (chapter.video && !libraryIds.has(chapter.video)) problems.push({ file: rch.chapter.file, field: 'video', message: missingVideo(chapter.video) });
      }
      const items: ValidItem[] = [];
      const itemOrders = new Map<number, string>();
      const slugs = new Map<string, string>();
      if (chapter?.video) slugs.set('video', `${rch.chapter?.file} (legacy video)`);
      for (const ri of rch.items) {
        const slugClash = slugs.get(ri.slug);
        if (slugClash) {
          problems.push({ file: ri.file, field: '', message: contentMessages.itemSlugTaken(ri.slug, slugClash) });
          continue;
        }
        slugs.set(ri.slug, ri.file);
        const rawType = (ri.data as { type?: unknown }).type;
        if (typeof rawType === 'string' && (itemTypes as readonly string[]).includes(rawType)) {
          const wantsMdx = mdxItemTypes.includes(rawType as Item['type']);
          if (wantsMdx && ri.ext !== '.mdx') {
            problems.push({ file: ri.file, field: 'type', message: contentMessages.itemNeedsMdx(rawType, ri.slug) });
            continue;
          }
          if (!wantsMdx && ri.ext !== '.yaml') {
            problems.push({ file: ri.file, field: 'type', message: contentMessages.itemNeedsYaml(rawType, ri.slug) });
            continue;
          }
        }
        const item = parseWith(itemSchema, ri, problems);
        if (!item) continue;
        const orderClash = itemOrders.get(item.order);
        if (orderClash) problems.push({ file: ri.file, field: 'order', message: contentMessages.itemOrderTaken(item.order, orderClash) });
        else itemOrders.set(item.order, ri.file);
        if (item.type === 'video' && !libraryIds.has(item.video)) problems.push({ file: ri.file, field: 'video', message: missingVideo(item.video) });
        if (item.type === 'resource' && item.file && !existsSync(join(publicDir, decodeURI(item.file)))) {
          problems.push({ file: ri.file, field: 'file', message: contentMessages.resourceFileMissing(item.file) });
        }
        if ((item.type === 'text' || item.type === 'assignment') && !ri.body?.trim()) {
          problems.push(unfinished({ file: ri.file, field: '', message: contentMessages.emptyBody(item.type) }));
        }
        items.push({ slug: ri.slug, key: `${rc.slug}/${rch.slug}/${ri.slug}`, file: ri.file, data: item, body: ri.body, bodyLine: ri.bodyLine });
      }
      if (chapter && rch.chapter) {
        if (items.length === 0 && !chapter.video && rch.items.length === 0) {
          problems.push(unfinished({ file: rch.chapter.file, field: '', message: contentMessages.chapterWithoutItems }));
        }
        items.sort((a, b) => a.data.order - b.data.order);
        chapters.push({ slug: rch.slug, key: `${rc.slug}/${rch.slug}`, file: rch.chapter.file, data: chapter, items });
      }
    }
    if (course && rc.course) {
      if (rc.chapters.length === 0) problems.push(unfinished({ file: rc.course.file, field: '', message: contentMessages.courseWithoutChapters }));
      chapters.sort((a, b) => a.data.order - b.data.order);
      courses.push({ slug: rc.slug, file: rc.course.file, data: course, chapters });
    }
  }
  return { courses, videos, problems };
}
