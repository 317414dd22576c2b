/**
 * Build-time middleware: each page, as Astro renders it, loads the island runtime from its cached
 * file instead of carrying it inline (src/site/island-scripts.ts). Done here rather than by
 * reading every written page back after the build: on the 500-item benchmark catalog that second
 * pass read and rewrote 15 MB in 720 files. Under `astro dev` pages are left as Astro writes
 * them (the files exist only in a build).
 */
import { defineMiddleware } from 'astro:middleware';
import { externaliseIslandScripts, islandScriptFiles } from './site/island-scripts.ts';

const files = islandScriptFiles(import.meta.env.BASE_URL);

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (import.meta.env.DEV || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  return new Response(externaliseIslandScripts(html, files).html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
