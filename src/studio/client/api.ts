/**
 * Browser side of the studio's API: one function that sends JSON to /__studio/api/ and returns
 * the answer or the server's plain message (never throws), so every island shows errors the same way.
 */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; field?: string };

export const STUDIO_API = '/__studio/api/';

/** GET (no body) or a JSON write to `path` below /__studio/api/. */
export async function studioApi<T>(
  path: string,
  options: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  let response: Response;
  try {
    response = await fetch(STUDIO_API + path.replace(/^\//, ''), {
      method,
      headers: options.body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch {
    return { ok: false, status: 0, message: 'the dev server did not answer; is `npm run dev` still running?' };
  }
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    return { ok: false, status: response.status, message: `the dev server answered ${response.status} without a readable body; see its terminal` };
  }
  if (response.ok) return { ok: true, data: payload as T };
  const problem = payload as { error?: unknown; field?: unknown };
  const message = typeof problem.error === 'string' ? problem.error : `the dev server answered ${response.status}`;
  return { ok: false, status: response.status, message, ...(typeof problem.field === 'string' ? { field: problem.field } : {}) };
}
