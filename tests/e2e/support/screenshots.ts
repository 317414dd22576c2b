/** Saves full-page screenshots to tests/.artifacts/screenshots/ (gitignored) for people to look at. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const screenshotDir = join(process.cwd(), 'tests', '.artifacts', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  // Full page, but at most 3,000 px tall: enough to see a page's layout; a long transcript page would
  // otherwise cost seconds to encode per shot.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 3000) } });
  return path;
}
