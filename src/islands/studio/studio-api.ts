/**
 * The course studio's browser side of the JSON API (/__studio/api/courses/):
 * one function per call, refusals returned as the check's problems.
 */
import type { ContentProblem } from '../../lib/friendly-errors.ts';
import type { CourseSummary, StudioCourse } from '../../studio/course-files.ts';

export type { ContentProblem, CourseSummary, StudioCourse };
export type { StudioChapter, StudioItem } from '../../studio/course-files.ts';

export interface CourseView {
  course: StudioCourse;
  videos: { id: string; title: string }[];
  changes: { files: { status: string; file: string }[]; commands: string[]; git: boolean };
}

/** What a call returned: its data, or the problems (file, field, message) that refused it, or an error sentence. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; problems: ContentProblem[]; error: string | null };

export const apiBase = '/__studio/api/courses/';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(apiBase + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    return { ok: false, problems: [], error: 'The dev server cannot be reached: is `npm run dev` still running?' };
  }
  const json = (await response.json().catch(() => ({}))) as { problems?: ContentProblem[]; error?: string };
  if (response.ok) return { ok: true, data: json as T };
  return { ok: false, problems: json.problems ?? [], error: json.error ?? (json.problems ? null : `The studio answered ${response.status}.`) };
}

export const listCourses = () => call<{ courses: CourseSummary[] }>('GET', 'list');
export const loadCourse = (slug: string) => call<CourseView>('GET', `course/${slug}`);
export const post = <T = { ok: true }>(action: string, body: unknown) => call<T>('POST', action, body);

/** `content/courses/x/01-a/02-b.yaml: questions[1].answer: expected …`: the line `npm run check` prints (`warning: ` first for a warning). */
export const problemLine = (p: ContentProblem) =>
  `${p.severity === 'warning' ? 'warning: ' : ''}${p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`}`;
