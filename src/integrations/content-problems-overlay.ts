/**
 * Astro integration, `astro dev` only: a tab opened or reloaded while the content has problems always
 * shows them in the error overlay. Astro sends a page's error over the HMR socket 200 ms after the 500
 * response ends, to the tabs connected at that moment (Vite keeps it for the next tab only when no tab
 * at all is connected), so a tab slower than that to connect, on a busy machine with another tab open,
 * would show an empty page. This keeps the last content-problems message and hands it to every tab that
 * connects while the content, as last read by the content loader, still has problems.
 */
import type { AstroIntegration } from 'astro';
import type { HotPayload } from 'vite';
import { CONTENT_PROBLEMS_ERROR, contentProblemCount } from '../lib/friendly-errors.ts';

const isContentProblems = (payload: unknown): payload is HotPayload =>
  typeof payload === 'object' &&
  payload !== null &&
  (payload as { type?: unknown }).type === 'error' &&
  (payload as { err?: { name?: unknown } }).err?.name === CONTENT_PROBLEMS_ERROR;

export function contentProblemsOverlay(): AstroIntegration {
  return {
    name: 'learnspace-content-problems-overlay',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const hot = server.environments.client.hot;
        let standing: HotPayload | undefined;
        const send = hot.send;
        hot.send = function (this: unknown, ...args: Parameters<typeof send>) {
          if (isContentProblems(args[0])) standing = args[0];
          return send.apply(this, args);
        } as typeof send;
        // A message sent for a request made just before the fix arrives after it: the count says whether it still holds.
        hot.on('vite:client:connect', (_data, client) => {
          if (standing && contentProblemCount() > 0) client.send(standing);
        });
      },
    },
  };
}
