import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { buildFixtureSite, fixtureVideos, prepareFixtureContent } from './support/fixture-site.ts';
import { serveDir, type StaticServer } from './support/server.ts';
import { seriousViolations } from './support/axe.ts';

const draft = { slug: 'calculus-draft', name: 'Essence of Calculus (draft)' };
/** Used by the draft course and by no published one. */
const draftOnlyVideo = 'WUvTyaaNkzM';
const root = '/tmp/learnspace-e2e-drafts';
/** A published course with only the required name: no description, no author. */
const bare = { slug: 'bare-course', name: 'A course with only a name' };

function addBareCourse(content: string): void {
  const chapter = join(content, 'courses', bare.slug, '01-start');
  mkdirSync(chapter, { recursive: true });
  writeFileSync(join(content, 'courses', bare.slug, 'course.yaml'), `name: ${bare.name}\nisPublished: true\n`);
  writeFileSync(join(chapter, 'chapter.yaml'), 'name: Start\norder: 1\n');
  writeFileSync(join(chapter, '01-welcome.mdx'), '---\ntype: text\norder: 1\ntitle: Welcome\n---\n\nHello.\n');
}

// Both builds are private (the shared dist/ may be rebuilt by other suites while this runs).
let dist: string;
let previewDir: string;
let browser: Browser;
let production: StaticServer;
let preview: StaticServer;
beforeAll(async () => {
  const content = prepareFixtureContent(root);
  addBareCourse(content);
  dist = buildFixtureSite(root, content, 'production');
  previewDir = buildFixtureSite(root, content, 'preview', { LEARNSPACE_DRAFTS: '1' });
  production = await serveDir(dist);
  preview = await serveDir(previewDir);
  browser = await launchBrowser();
}, 400_000);
afterAll(async () => {
  await browser?.close();
  await production?.close();
  await preview?.close();
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

  it('builds the instructor dashboard, hidden from search engines, with statuses and warnings', async () => {
    const page = await newPage(browser);
    await page.goto(`${preview.url}/admin/`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Instructor dashboard');
    await expect(page.locator('meta[name="robots"]').getAttribute('content')).resolves.toBe('noindex');
    await expect(page.locator('[data-pagefind-body]').count()).resolves.toBe(0);
    await expect(page.locator('#courses-heading + .table-scroll tbody tr').count()).resolves.toBe(4);
    await expect(page.locator('tr[data-video]').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator(`tr[data-video="${fixtureVideos.failed}"]`).innerText()).resolves.toMatch(/fixture: the caption file could not be parsed/);
    await expect(page.locator('.warnings li[data-severity="error"]', { hasText: fixtureVideos.failed }).count()).resolves.toBe(1);
    await expect(page.locator('.warnings li[data-severity="warning"]', { hasText: fixtureVideos.pending }).count()).resolves.toBe(1);
    expect(readFileSync(join(previewDir, 'sitemap-0.xml'), 'utf8')).not.toContain('/admin/');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
