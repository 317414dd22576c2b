/**
 * Astro's island runtime, moved out of the pages into cached files. Astro writes the runtime (the
 * `<astro-island>` element, ~4.4 KB) and each client directive's loader inline into every page
 * with an island; on a site of thousands of lecture and quiz pages that is the same bytes
 * thousands of times (about 20 MB on the 5,000-item benchmark catalog). Each inline copy becomes
 * `<script src="/_astro/….js">` of a content-hashed file: a classic script, parser-blocking like
 * the inline one, so it still runs before the islands that follow it, and the offline worker
 * precaches it with the other `_astro/` files. The page's Content-Security-Policy stops allowing
 * those inline scripts by hash: no page has them any more.
 *
 * src/middleware.ts rewrites each page as the build renders it; src/integrations/island-runtime.ts
 * writes the files after the build.
 */
import islandRuntime from 'astro/runtime/server/astro-island.prebuilt.js';
import idle from 'astro/runtime/client/idle.prebuilt.js';
import load from 'astro/runtime/client/load.prebuilt.js';
import media from 'astro/runtime/client/media.prebuilt.js';
import only from 'astro/runtime/client/only.prebuilt.js';
import visible from 'astro/runtime/client/visible.prebuilt.js';
import { sha256 } from '../lib/hash.ts';
import { scriptHash } from './csp.ts';

export interface IslandScriptFile {
  /** The script, exactly as Astro writes it inline. */
  text: string;
  /** Its file under the site root, named by its content. */
  file: string;
  /** Its URL under the site's base. */
  href: string;
}

/** The inline scripts moved out, by the name of the file they become. */
const SCRIPTS: Record<string, string> = {
  'island-runtime': islandRuntime,
  'island-idle': idle,
  'island-load': load,
  'island-media': media,
  'island-only': only,
  'island-visible': visible,
};

/** Every script moved out, with its file and URL under `base` (the site's base path). */
export function islandScriptFiles(base: string): Map<string, IslandScriptFile> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return new Map(
    Object.entries(SCRIPTS).map(([name, text]) => {
      const file = `_astro/${name}.${sha256(text, 'hex').slice(0, 8)}.js`;
      return [name, { text, file, href: `${prefix}${file}` }];
    }),
  );
}

/**
 * Replaces every inline copy of the scripts in `html` and drops their hashes from its CSP;
 * returns the new text and the names of the files it now uses.
 */
export function externaliseIslandScripts(html: string, files: ReadonlyMap<string, Pick<IslandScriptFile, 'text' | 'href'>>): { html: string; used: string[] } {
  const used: string[] = [];
  let out = html;
  for (const [name, { text, href }] of files) {
    const inline = `<script>${text}</script>`;
    if (out.includes(inline)) {
      out = out.split(inline).join(`<script src="${href}"></script>`);
      used.push(name);
    }
    out = out.replace(` '${scriptHash(text)}'`, '');
  }
  return { html: out, used };
}
