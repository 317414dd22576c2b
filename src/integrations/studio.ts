/**
 * Astro integration: the instructor studio, only under `astro dev`. It injects the studio pages
 * under /admin/ and serves their JSON API at /__studio/api/ from the dev server's middleware.
 * `astro build` gets neither: no page, script or endpoint of the studio reaches dist/.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { contentDir } from '../lib/content-files.ts';
import { isLoopbackBinding } from '../studio/guard.ts';
import { createStudioMiddleware } from '../studio/http.ts';
import { studioRoutes } from '../studio/routes.ts';
import { STUDIO_PAGES } from '../studio/pages.ts';

export function studio(): AstroIntegration {
  let active = false;
  let projectRoot = process.cwd();
  let disabledBecause: string | undefined;
  return {
    name: 'learnspace-studio',
    hooks: {
      'astro:config:setup': ({ command, injectRoute }) => {
        if (command !== 'dev') return;
        active = true;
        for (const page of STUDIO_PAGES) injectRoute({ pattern: page.pattern, entrypoint: new URL(`../studio/pages/${page.file}`, import.meta.url) });
      },
      'astro:config:done': ({ config, logger }) => {
        if (!active) return;
        projectRoot = fileURLToPath(config.root);
        if (!isLoopbackBinding(config.server.host)) {
          disabledBecause = `the studio is off because the dev server listens beyond this machine (server.host: ${JSON.stringify(config.server.host)}); run \`npm run dev\` without --host to use it`;
          logger.warn(disabledBecause);
        }
      },
      'astro:server:setup': ({ server, logger }) => {
        if (!active) return;
        const context = { projectRoot, contentRoot: contentDir(projectRoot) };
        server.middlewares.use(createStudioMiddleware({ routes: studioRoutes(context), context, ...(disabledBecause ? { disabledBecause } : {}), log: (line) => logger.warn(line) }));
        logger.info('studio: /admin/ (video library, courses); API at /__studio/api/');
      },
    },
  };
}
