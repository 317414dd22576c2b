/**
 * The course outlines /progress/ needs, loaded per course from `/progress/<course>.json`
 * and only for courses this browser has progress in, so the page does not carry the whole catalog.
 */
import type { ProgressState } from '../../stores/progress-schema.ts';
import type { ProgressCourseRef } from './types.ts';

/** The static file holding one course's outline for the progress page. */
export const progressCourseUrl = (slug: string) => `/progress/${slug}.json`;

/** Courses this browser has any progress in: visited ones, and the first segment of item keys (`course/chapter/item`). */
export function courseSlugsIn(state: ProgressState): string[] {
  const slugs = new Set(Object.keys(state.courses));
  for (const key of Object.keys(state.items)) {
    const slug = key.split('/')[0];
    if (slug) slugs.add(slug);
  }
  return [...slugs].sort();
}

const loaded = new Map<string, Promise<ProgressCourseRef | null>>();

/** The outline of each course in `slugs`; a course no longer published (404) or unreadable is left out. */
export async function loadCourseRefs(slugs: readonly string[]): Promise<ProgressCourseRef[]> {
  const refs = await Promise.all(
    slugs.map((slug) => {
      let ref = loaded.get(slug);
      if (!ref) {
        ref = fetch(progressCourseUrl(slug))
          .then((response) => (response.ok ? (response.json() as Promise<ProgressCourseRef>) : null))
          .catch(() => null);
        loaded.set(slug, ref);
      }
      return ref;
    }),
  );
  return refs.filter((ref): ref is ProgressCourseRef => ref !== null);
}
