/**
 * The offline service worker (dist/sw.js), bundled by src/integrations/offline-worker.ts after the
 * build with the list of files to precache. Workbox's runtime does the work: the site's hashed
 * scripts and styles are precached; pages, review decks and images are served network-first from
 * the cache a learner fills by saving a course for offline use.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { OFFLINE_CACHE } from './offline.ts';

/** Replaced by the bundler with the build's precache list. */
declare const __PRECACHE_MANIFEST__: PrecacheEntry[];
declare const self: { skipWaiting(): Promise<void> };

/** Same-origin paths a saved course fetches besides its pages: review decks, progress data, video pages, thumbnails, files, images. */
const SAVED_PATHS = /^\/(review\/[^/]+\.json|progress\/[^/]+\.json|videos\/[^/]+\/$|thumbnails\/|files\/|images\/)/;

// A new worker takes over at once: it only adds to what the old one cached.
void self.skipWaiting();
clientsClaim();
precacheAndRoute(__PRECACHE_MANIFEST__);
cleanupOutdatedCaches();
registerRoute(
  ({ request, sameOrigin }) => sameOrigin && request.mode === 'navigate',
  new NetworkFirst({ cacheName: OFFLINE_CACHE, networkTimeoutSeconds: 6, matchOptions: { ignoreSearch: true } }),
);
registerRoute(({ url, sameOrigin }) => sameOrigin && SAVED_PATHS.test(url.pathname), new NetworkFirst({ cacheName: OFFLINE_CACHE, networkTimeoutSeconds: 6 }));
