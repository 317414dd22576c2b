/**
 * Keeps a studio page in place when content changes. Under `astro dev` every open page reloads after
 * a content write; studio pages follow changes through their event stream instead, and a reload would
 * throw away what the instructor is typing and the run's progress. Vite awaits its
 * `vite:beforeFullReload` listeners, so a reload that follows a content write (announced by the
 * studio integration) is held by a promise that never settles; the page's later HMR messages wait
 * behind it, so after editing the studio's own code, reload the page by hand.
 */
export function keepStudioPage(): void {
  const hot = import.meta.hot;
  if (!hot) return;
  let contentWritten = false;
  hot.on('learnspace:content-written', () => {
    contentWritten = true;
  });
  hot.on('vite:beforeFullReload', () => (contentWritten ? new Promise<void>(() => {}) : undefined));
}
