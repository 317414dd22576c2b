/**
 * Builds, once for every browser test, the production site with secret-looking marker values in its
 * environment (see support/markers.ts), and the shared fixture site (support/fixture-site.ts) for
 * production and with drafts, side by side; serves them on 127.0.0.1. E2E_SKIP_BUILD=1 reuses the
 * builds already there (dist/ and tests/.artifacts/fixture-site/), for a quick local rerun.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findChromium } from './support/browser.ts';
import { serveDir, type StaticServer } from './support/server.ts';
import { buildSite } from './support/build.ts';
import { buildSharedFixture, type FixtureSite } from './support/fixture-site.ts';
import { SECRET_ENV_MARKERS } from './support/markers.ts';

const servers: StaticServer[] = [];

export async function setup(project: TestProject) {
  findChromium();
  const dist = join(process.cwd(), 'dist');
  const reuse = process.env.E2E_SKIP_BUILD === '1' && existsSync(join(dist, 'index.html'));
  const [, fixture] = await Promise.all([
    reuse ? Promise.resolve() : buildSite(dist, SECRET_ENV_MARKERS),
    buildSharedFixture(join(process.cwd(), 'tests', '.artifacts', 'fixture-site'), { reuse: process.env.E2E_SKIP_BUILD === '1' }),
  ]);
  const [site, fixtureSite, fixturePreview] = await Promise.all([serveDir(dist), serveDir(fixture.dist), serveDir(fixture.preview)]);
  servers.push(site, fixtureSite, fixturePreview);
  project.provide('baseURL', site.url);
  project.provide('fixture', { ...fixture, url: fixtureSite.url, previewURL: fixturePreview.url });
}

export async function teardown() {
  await Promise.all(servers.map((s) => s.close()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The shared fixture site: folders, and the URLs its production and drafts builds are served at. */
    fixture: FixtureSite & { url: string; previewURL: string };
  }
}
