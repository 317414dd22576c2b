/**
 * Builds the production site once (unless E2E_SKIP_BUILD=1 and dist/ exists), with
 * secret-looking marker values in its environment (see support/markers.ts), and
 * serves it on 127.0.0.1 for every browser test.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findChromium } from './support/browser.ts';
import { serveDir, type StaticServer } from './support/server.ts';
import { buildSite } from './support/build.ts';
import { SECRET_ENV_MARKERS } from './support/markers.ts';

let server: StaticServer | undefined;

export async function setup(project: TestProject) {
  findChromium();
  const dist = join(process.cwd(), 'dist');
  if (!(process.env.E2E_SKIP_BUILD === '1' && existsSync(join(dist, 'index.html')))) buildSite(dist, SECRET_ENV_MARKERS);
  server = await serveDir(dist);
  project.provide('baseURL', server.url);
}

export async function teardown() {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}
