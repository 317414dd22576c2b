/**
 * Astro integration: the instructor studio, only under `astro dev`. It injects the studio pages
 * under /admin/ and serves their JSON API at /__studio/api/ from the dev server's middleware.
 * `astro build` gets neither: no page, script or endpoint of the studio reaches dist/.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { contentDir } from '../lib/content-files.ts';
import { isLoopbackBinding } from '../studio/guard.ts';
import { createStudioMiddleware } from '../studio/http.ts';
import { createEventHub } from '../studio/events.ts';
import type { StudioRoute } from '../studio/http.ts';
import { STUDIO_PAGES } from '../studio/pages.ts';

const isLink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

export function studio(): AstroIntegration {
  let active = false;
  let projectRoot = process.cwd();
  let disabledBecause: string | undefined;
  return {
    name: 'learnspace-studio',
    hooks: {
      'astro:config:setup': ({ command, injectRoute, config, updateConfig }) => {
        if (command !== 'dev') return;
        active = true;
        // A linked node_modules (a shared install, a test's copy of the site) lies outside Vite's allowed
        // folders, and the browser would get 403 for every island's script.
        const root = fileURLToPath(config.root);
        const modules = join(root, 'node_modules');
        if (isLink(modules)) updateConfig({ vite: { server: { fs: { allow: [root, realpathSync(modules)] } } } });
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
        const hub = createEventHub();
        const touched = (file: string) => {
          if (!file.startsWith(context.contentRoot)) return;
          // Studio pages keep their place through the reload Astro sends next (src/studio/client/keep-page.ts).
          server.environments.client.hot.send('learnspace:content-written', {});
          // A CLI run or an editor changes the library too: open studio pages refresh their list.
          if (/(status\.json|[\\/]videos[\\/][^\\/]+\.(yaml|vtt|srt|txt))$/.test(file)) hub.publish({ type: 'library' });
        };
        server.watcher.on('change', touched).on('add', touched).on('unlink', touched);
        // The routes import the pipeline (scripts/), loaded through Vite on the first request, so neither a
        // build nor the dev server's start pays for it or needs it.
        let routes: Promise<StudioRoute[]> | undefined;
        const loadRoutes = () =>
          (routes ??= server
            .ssrLoadModule(fileURLToPath(new URL('../studio/routes.ts', import.meta.url)))
            .then((module) => (module as typeof import('../studio/routes.ts')).studioRoutes(context, hub))
            .catch((error: unknown) => {
              routes = undefined;
              throw error;
            }));
        server.middlewares.use(
          createStudioMiddleware({ routes: loadRoutes, context, ...(disabledBecause ? { disabledBecause } : {}), log: (line) => logger.warn(line) }),
        );
        logger.info('studio: /admin/ (video library, courses); API at /__studio/api/');
      },
    },
  };
}
