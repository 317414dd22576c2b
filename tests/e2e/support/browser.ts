/**
 * Finds a Chromium without downloading one: CHROMIUM_PATH, then Debian's
 * /usr/bin/chromium, then Playwright's own if it was installed; otherwise a
 * message saying how to get one.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';

export function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter((p): p is string => Boolean(p));
  for (const path of candidates) if (existsSync(path)) return path;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core has no browser of its own unless one was installed
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one with `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh page in its own context (own localStorage); YouTube and other hosts are unreachable here, so they
 * are blocked quickly. Opened in a test, the context closes when the test ends, so a file's pages (players,
 * service workers, timers) do not pile up in the browser while the next tests run.
 */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  try {
    onTestFinished(() => context.close().catch(() => undefined));
  } catch {
    // opened outside a test (a hook): whoever opened it closes it, or the browser does
  }
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort('blockedbyclient'));
  return context.newPage();
}
