import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the built site', () => {
  it('serves the catalog with the published sample course', async () => {
    const page = await newPage(browser);
    await page.goto(inject('baseURL') + '/');
    await expect(page.locator('body').innerText()).resolves.toContain('Neural Networks, Visually');
  });
});
