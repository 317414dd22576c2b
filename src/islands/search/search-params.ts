/**
 * The search page's state lives in its URL (`/search/?q=…&course=…&type=…`), so
 * the header box can link to it, results can be shared, and Back returns to them.
 */

/** Long enough to skip most keystrokes of a fast typist, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 120;

export interface SearchParams {
  query: string;
  course: string;
  type: string;
  /** The slug of the course the learner searched from (`from=`): lecture hits open inside it. */
  from?: string;
}

export function readSearchParams(search: string): SearchParams {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  return { query: params.get('q') ?? '', course: params.get('course') ?? '', type: params.get('type') ?? '', ...(from ? { from } : {}) };
}

/** `?q=…` with empty values left out. */
export function writeSearchParams({ query, course, type, from }: SearchParams): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (course) params.set('course', course);
  if (type) params.set('type', type);
  if (from) params.set('from', from);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Pagefind's filter object for the chosen course and type; blank means "all". */
export function toFilters({ course, type }: SearchParams): Record<string, string> {
  const filters: Record<string, string> = {};
  if (course) filters.course = course;
  if (type) filters.type = type;
  return filters;
}
