/**
 * Keeps a studio page in place after the studio's own writes. Astro reloads every open
 * page when a content file changes; after a write from this page that reload would drop
 * the builder's open forms, status line and keyboard focus (and race a navigation), and
 * the islands fetch fresh data themselves. Other reloads (code changes, Vite's dependency
 * optimiser, edits made in an editor while no write is in flight) still happen.
 */
const ECHO_MS = 5000;
let lastWriteAt = Number.NEGATIVE_INFINITY;

/** Call just before a write: the content reload it causes is held. */
export function noteStudioWrite(): void {
  lastWriteAt = Date.now();
}

export function holdContentReloads(): void {
  if (typeof window === 'undefined' || !import.meta.hot) return;
  import.meta.hot.on('vite:beforeFullReload', (payload: { path?: string; triggeredBy?: string }) => {
    const echo = payload.path === '*' && !payload.triggeredBy && Date.now() - lastWriteAt < ECHO_MS;
    // Vite waits for this promise before reloading: the echo of our own write never reloads (later HMR messages wait too).
    return echo ? new Promise<void>(() => undefined) : undefined;
  });
}
