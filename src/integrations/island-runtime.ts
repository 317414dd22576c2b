/**
 * Astro integration: after the build, writes the island runtime's cached files that every page now
 * loads instead of carrying the runtime inline (src/site/island-scripts.ts; the pages are rewritten
 * as they render, by src/middleware.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { islandScriptFiles } from '../site/island-scripts.ts';

export function islandRuntimeFile(): AstroIntegration {
  let base = '/';
  return {
    name: 'learnspace-island-runtime',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        await mkdir(join(root, '_astro'), { recursive: true });
        const files = [...islandScriptFiles(base).values()];
        await Promise.all(files.map(({ file, text }) => writeFile(join(root, file), text)));
        logger.info(`island runtime: ${files.length} cached files written`);
      },
    },
  };
}
