/** Names the offline worker and the page that saves a course agree on (browser-safe, no imports). */

/** The cache holding saved pages, decks and images; the worker reads it when the network fails. */
export const OFFLINE_CACHE = 'learnspace-offline';
/** The worker's script, written into dist/ by the offline-worker integration. */
export const SERVICE_WORKER_URL = '/sw.js';
