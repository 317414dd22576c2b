/** Drafts and unpublished courses: nowhere in a production build, marked in a preview build with drafts; both from the shared fixture. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { fixtureBareCourse as bare, fixtureEmptyDraft as emptyDraft, fixtureVideos } from './support/fixture-site.ts';
import { seriousViolations } from './support/axe.ts';

const draft = { slug: 'calculus-draft', name: 'Essence of Calculus (draft)' };
/** Used by the draft course and by no published one. */
const draftOnlyVideo = 'WUvTyaaNkzM';

// The shared fixture's two builds of the same content: for production, and with drafts (LEARNSPACE_DRAFTS=1).
const { dist, preview: previewDir, url, previewURL } = inject('fixture');
const production = { url };
const preview = { url: previewURL };
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a production build', () => {
  it('has no page, link, sitemap or RSS entry for a draft course', async () => {
    expect(existsSync(join(dist, 'courses', draft.slug))).toBe(false);
    expect(readFileSync(join(dist, 'sitemap-0.xml'), 'utf8')).not.toContain(draft.slug);
    expect(readFileSync(join(dist, 'rss.xml'), 'utf8')).not.toContain(draft.slug);
    const page = await newPage(browser);
    await page.goto(production.url + '/');
    await expect(page.locator(`a[href*="${draft.slug}"]`).count()).resolves.toBe(0);
    await expect(page.locator('body').innerText()).resolves.not.toContain(draft.name);
    const response = await page.goto(`${production.url}/courses/${draft.slug}/`);
    expect(response?.status()).toBe(404);
  });

  it('shows a course without a description with no empty description paragraph', async () => {
    const page = await newPage(browser);
    await page.goto(production.url + '/');
    const card = page.locator('.course-card', { hasText: bare.name });
    await expect(card.count()).resolves.toBe(1);
    await expect(card.locator('.description').count()).resolves.toBe(0);
    await page.goto(`${production.url}/courses/${bare.slug}/`);
    await expect(page.locator('h1').innerText()).resolves.toBe(bare.name);
    await expect(page.locator('main p.description').count()).resolves.toBe(0);
  });

  it('builds past a draft with no chapters (a warning, not an error), and leaves it out', async () => {
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    expect(existsSync(join(dist, 'courses', emptyDraft.slug))).toBe(false);
    const page = await newPage(browser);
    await page.goto(production.url + '/');
    await expect(page.locator('body').innerText()).resolves.not.toContain(emptyDraft.name);
  });

  it('has no instructor dashboard', () => {
    expect(existsSync(join(dist, 'admin'))).toBe(false);
  });

  it('leaves out a library video only the draft uses, with its notes and transcript', async () => {
    expect(existsSync(join(dist, 'videos', draftOnlyVideo))).toBe(false);
    expect(existsSync(join(previewDir, 'videos', draftOnlyVideo))).toBe(true);
    const page = await newPage(browser);
    await page.goto(production.url + '/videos/');
    await expect(page.locator(`a[href*="${draftOnlyVideo}"]`).count()).resolves.toBe(0);
  });
});

describe('a draft preview build (LEARNSPACE_DRAFTS=1)', () => {
  it('lists the draft in the catalog, marked as a draft', async () => {
    const page = await newPage(browser);
    await page.goto(preview.url + '/');
    const card = page.locator('.course-card', { hasText: draft.name });
    await expect(card.locator('.badge.draft').innerText()).resolves.toBe('Draft');
  });

  it('shows a "Draft preview" banner on every page of the draft course', async () => {
    const page = await newPage(browser);
    await page.goto(`${preview.url}/courses/${draft.slug}/`);
    await expect(page.locator('.draft-banner').innerText()).resolves.toContain('Draft preview');
    const items = await page.locator('.syllabus .items a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    expect(items.length).toBeGreaterThan(0);
    for (const href of items) {
      await page.goto(preview.url + href);
      await expect(page.locator('.draft-banner').count(), href).resolves.toBe(1);
    }
    await page.goto(`${preview.url}/courses/neural-networks/`);
    await expect(page.locator('.draft-banner').count()).resolves.toBe(0);
  });

  it('shows a draft with no chapters as a course page that says so', async () => {
    const page = await newPage(browser);
    await page.goto(preview.url + '/');
    await expect(page.locator('.course-card', { hasText: emptyDraft.name }).locator('.badge.draft').innerText()).resolves.toBe('Draft');
    await page.goto(`${preview.url}/courses/${emptyDraft.slug}/`);
    await expect(page.locator('h1').innerText()).resolves.toBe(emptyDraft.name);
    await expect(page.locator('.course-syllabus').innerText()).resolves.toContain('No chapters yet.');
    await expect(page.locator('.draft-banner').count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('builds the instructor dashboard, hidden from search engines, with statuses and warnings', async () => {
    const page = await newPage(browser);
    await page.goto(`${preview.url}/admin/`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Instructor dashboard');
    await expect(page.locator('meta[name="robots"]').getAttribute('content')).resolves.toBe('noindex');
    await expect(page.locator('[data-pagefind-body]').count()).resolves.toBe(0);
    await expect(page.locator('#courses-heading + .table-scroll tbody tr').count()).resolves.toBe(5);
    await expect(page.locator('tr[data-video]').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator(`tr[data-video="${fixtureVideos.failed}"]`).innerText()).resolves.toMatch(/fixture: the caption file could not be parsed/);
    await expect(page.locator('.warnings li[data-severity="error"]', { hasText: fixtureVideos.failed }).count()).resolves.toBe(1);
    await expect(page.locator('.warnings li[data-severity="warning"]', { hasText: fixtureVideos.pending }).count()).resolves.toBe(1);
    expect(readFileSync(join(previewDir, 'sitemap-0.xml'), 'utf8')).not.toContain('/admin/');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
