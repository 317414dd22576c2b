/** Saves full-page screenshots (JPEG) to tests/.artifacts/screenshots/ (gitignored) for people to look at. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const screenshotDir = join(process.cwd(), 'tests', '.artifacts', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.jpg`);
  // Full page, but at most 3,000 px tall: enough to see a page's layout; a long transcript page would
  // otherwise cost seconds to encode per shot. JPEG at 80: half the encoding time of PNG (250 vs 580 ms
  // for a 1280 x 3000 video page) and still sharp enough to read the text.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({ path, type: 'jpeg', quality: 80, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 3000) } });
  return path;
}
