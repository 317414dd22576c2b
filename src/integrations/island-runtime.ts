/**
 * Astro integration: after the build, moves Astro's island runtime out of the pages into one
 * cached file. Astro writes the runtime (the `<astro-island>` element, ~4.4 KB) and each client
 * directive's loader inline into every page with an island; on a site of thousands of lecture and
 * quiz pages that is the same bytes thousands of times (about 20 MB on the 5,000-item benchmark
 * catalog). Each inline copy becomes `<script src="/_astro/….js">` of a content-hashed file: a
 * classic script, parser-blocking like the inline one, so it still runs before the islands that
 * follow it, and the offline worker precaches it with the other `_astro/` files. The page's
 * Content-Security-Policy stops allowing those inline scripts by hash: no page has them any more.
 */
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import islandRuntime from 'astro/runtime/server/astro-island.prebuilt.js';
import idle from 'astro/runtime/client/idle.prebuilt.js';
import load from 'astro/runtime/client/load.prebuilt.js';
import media from 'astro/runtime/client/media.prebuilt.js';
import only from 'astro/runtime/client/only.prebuilt.js';
import visible from 'astro/runtime/client/visible.prebuilt.js';
import { sha256 } from '../lib/hash.ts';
import { scriptHash } from '../site/csp.ts';

/** The inline scripts moved out, by the name of the file they become. */
const SCRIPTS: Record<string, string> = {
  'island-runtime': islandRuntime,
  'island-idle': idle,
  'island-load': load,
  'island-media': media,
  'island-only': only,
  'island-visible': visible,
};

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

/**
 * Replaces every inline copy of the scripts in `html` and drops their hashes from its CSP;
 * returns the new text and the names of the files it now uses.
 */
export function externaliseIslandScripts(html: string, files: ReadonlyMap<string, { text: string; href: string }>): { html: string; used: string[] } {
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

export function islandRuntimeFile(): AstroIntegration {
  let base = '/';
  return {
    name: 'learnspace-island-runtime',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = new Map(
          Object.entries(SCRIPTS).map(([name, text]) => {
            const file = `_astro/${name}.${sha256(text, 'hex').slice(0, 8)}.js`;
            return [name, { text, file, href: `${base}${file}` }];
          }),
        );
        const used = new Set<string>();
        let pages = 0;
        const rewrite = async (path: string) => {
          const before = await readFile(path, 'utf8');
          const after = externaliseIslandScripts(before, files);
          if (after.html === before) return;
          await writeFile(path, after.html);
          pages++;
          for (const name of after.used) used.add(name);
        };
        // A few files at a time: the disk works while a page is being rewritten.
        const batch: Promise<void>[] = [];
        for await (const path of htmlFiles(root)) {
          batch.push(rewrite(path));
          if (batch.length === 16) await Promise.all(batch.splice(0));
        }
        await Promise.all(batch);
        await mkdir(join(root, '_astro'), { recursive: true });
        for (const name of used) {
          const { text, file } = files.get(name)!;
          await writeFile(join(root, file), text);
        }
        logger.info(`island runtime: ${[...used].join(', ') || 'none'} moved out of ${pages} pages into cached files`);
      },
    },
  };
}
