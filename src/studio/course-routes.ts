/**
 * The course studio's routes in the studio API (/__studio/api/courses/...):
 * reads with GET, every change as a POST naming its action. One writer per
 * project root, so the writes of all open tabs are serialised.
 */
import type { StudioContext, StudioRoute } from './http.ts';
import { ContentWriter } from './content-writer.ts';
import { CourseFiles } from './course-files.ts';
import { handleCourseApi } from './course-api.ts';

const byRoot = new Map<string, CourseFiles>();

/** The course operations for one project root (shared by the API and the pages). */
export function courseFilesFor(projectRoot: string): CourseFiles {
  let files = byRoot.get(projectRoot);
  if (!files) {
    files = new CourseFiles(new ContentWriter({ root: projectRoot }));
    byRoot.set(projectRoot, files);
  }
  return files;
}

export function courseRoutes(context: StudioContext): StudioRoute[] {
  const files = () => courseFilesFor(context.projectRoot);
  return [
    { method: 'GET', pattern: 'courses/list', handle: async () => handleCourseApi(files(), 'GET', 'list', undefined) },
    {
      method: 'GET',
      pattern: 'courses/course/:slug',
      handle: async (request) => handleCourseApi(files(), 'GET', `course/${request.params.slug ?? ''}`, undefined),
    },
    { method: 'POST', pattern: 'courses/:action', handle: async (request) => handleCourseApi(files(), 'POST', request.params.action ?? '', request.body) },
  ];
}
