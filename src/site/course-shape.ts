/**
 * What components need to show a course, free of `astro:content`: a component that imports
 * catalog.ts (which reads the content collections) is marked by Astro as propagating head content
 * from the MDX entries, and every page that shows it pays for collecting that head on each render.
 */
import type { ItemType } from '../lib/schema.ts';
import type { CourseChapter, CourseItem, CourseWithStructure } from './catalog.ts';

export const itemTypeLabels: Record<ItemType, string> = {
  video: 'Video',
  text: 'Reading',
  quiz: 'Quiz',
  assignment: 'Assignment',
  resource: 'Resource',
};

export interface ItemPlace {
  chapter: CourseChapter;
  previous?: CourseItem | undefined;
  next?: CourseItem | undefined;
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
