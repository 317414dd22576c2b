/**
 * Astro integration: after the build, Workbox (workbox-build's generateSW) writes dist/sw.js.
 * It precaches the site's hashed scripts and styles, and serves pages, review decks and
 * images network-first from the cache a learner fills by saving a course for offline use.
 * The worker is registered only when a learner saves a course.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';
import { OFFLINE_CACHE, SERVICE_WORKER_URL } from '../browser/offline.ts';

export function offlineWorker(): AstroIntegration {
  return {
    name: 'learnspace-offline-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW({
          globDirectory: root,
          globPatterns: ['_astro/**/*.{js,css}', 'favicon.svg'],
          // Astro's asset names carry their content hash already.
          dontCacheBustURLsMatching: /^_astro\//,
          swDest: `${root}${SERVICE_WORKER_URL.slice(1)}`,
          mode: 'production',
          sourcemap: false,
          skipWaiting: true,
          clientsClaim: true,
          cleanupOutdatedCaches: true,
          runtimeCaching: [
            {
              urlPattern: ({ request, sameOrigin }) => sameOrigin && request.mode === 'navigate',
              handler: 'NetworkFirst',
              options: { cacheName: OFFLINE_CACHE, networkTimeoutSeconds: 6, matchOptions: { ignoreSearch: true } },
            },
            {
              urlPattern: ({ url, sameOrigin }) =>
                sameOrigin && /^\/(review\/[^/]+\.json|progress\/[^/]+\.json|videos\/[^/]+\/$|thumbnails\/|files\/|images\/)/.test(url.pathname),
              handler: 'NetworkFirst',
              options: { cacheName: OFFLINE_CACHE, networkTimeoutSeconds: 6 },
            },
          ],
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(`offline worker: ${count} files precached (${Math.round(size / 1024)} KB)`);
      },
    },
  };
}
