/** A stand-in for the YouTube IFrame API in the browser tests (YouTube is unreachable here). */
import type { Page } from 'playwright-core';

/**
 * Stands in for the YouTube IFrame API (the boundary src/browser/player.ts talks to):
 * records calls, and plays from a time the test controls through window.fakeYT.
 */
export async function withFakeYouTube(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const state = { calls: [] as [string, ...unknown[]][], time: 0, playing: false, iframeSrc: '' };
    (window as unknown as { fakeYT: typeof state }).fakeYT = state;
    (window as unknown as { YT: unknown }).YT = {
      Player: class {
        constructor(element: HTMLIFrameElement, options: { events?: { onReady?: () => void } }) {
          state.iframeSrc = element.src;
          state.calls.push(['new']);
          setTimeout(() => options.events?.onReady?.(), 0);
        }
        seekTo(seconds: number) {
          state.calls.push(['seekTo', seconds]);
          state.time = seconds;
        }
        playVideo() {
          state.calls.push(['playVideo']);
          state.playing = true;
        }
        getCurrentTime() {
          return state.time;
        }
        getPlayerState() {
          return state.playing ? 1 : 2;
        }
      },
    };
  });
}

export type FakeState = { calls: [string, ...unknown[]][]; time: number; playing: boolean; iframeSrc: string };
export const fake = (page: Page) => page.evaluate(() => (window as unknown as { fakeYT: FakeState }).fakeYT);
