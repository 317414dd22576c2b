/**
 * Serves recorded InnerTube responses to youtubei.js through its injectable
 * fetch, keyed by endpoint and video id (or params, browse id, continuation token), with the
 * HTTP status in the file name for error answers. An unrecorded request fails
 * loudly instead of reaching the network.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECORDINGS = join(import.meta.dirname, '../../../fixtures/pipeline/youtube');

export interface ReplayFetch {
  fetch: typeof globalThis.fetch;
  requests: string[];
}

export function replayFetch(dir = RECORDINGS): ReplayFetch {
  const requests: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const endpoint = /\/youtubei\/v1\/(\w+)/.exec(url.pathname)?.[1];
    const body =
      request.method === 'POST'
        ? (JSON.parse((await request.text()) || '{}') as { videoId?: string; params?: string; browseId?: string; continuation?: string })
        : {};
    const key = `${endpoint}.${body.videoId ?? body.params ?? body.browseId ?? body.continuation ?? ''}`;
    requests.push(key);
    const file = join(dir, `${key}.json`);
    // `<key>.<status>.json` replays an error answer (a 429 page) with its HTTP status.
    const errorFile = endpoint ? readdirSync(dir).find((f) => f.startsWith(`${key}.`) && /^\d{3}\.json$/.test(f.slice(key.length + 1))) : undefined;
    if (errorFile)
      return new Response(readFileSync(join(dir, errorFile), 'utf8'), {
        status: Number(errorFile.slice(key.length + 1, -5)),
        headers: { 'content-type': 'text/html' },
      });
    if (!endpoint || !existsSync(file)) throw new Error(`unrecorded request ${request.method} ${request.url} (${key})`);
    return new Response(readFileSync(file, 'utf8'), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests };
}
