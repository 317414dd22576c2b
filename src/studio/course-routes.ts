/**
 * The course studio's part of the dev-only studio: its pages and its API, for
 * src/integrations/studio.ts to inject (pages) and route (API) under `astro dev` only.
 */
import { ContentWriter } from './content-writer.ts';
import { CourseFiles } from './course-files.ts';
import { handleCourseApi, type ApiResponse } from './course-api.ts';

/** Pages the integration injects: pattern → entrypoint (relative to the project root). */
export const courseStudioPages = [
  { pattern: '/admin/courses', entrypoint: 'src/studio/pages/courses.astro' },
  { pattern: '/admin/courses/[slug]', entrypoint: 'src/studio/pages/course-builder.astro' },
] as const;

/** The API path prefix the course routes answer under. */
export const courseApiPrefix = '/__studio/api/courses/';

const byRoot = new Map<string, CourseFiles>();

/** Answers one course API request (path after the prefix); one writer per root serialises the writes. */
export function courseApi(root: string, method: string, path: string, body: unknown): Promise<ApiResponse> {
  let files = byRoot.get(root);
  if (!files) {
    files = new CourseFiles(new ContentWriter({ root }));
    byRoot.set(root, files);
  }
  return handleCourseApi(files, method, path, body);
}
