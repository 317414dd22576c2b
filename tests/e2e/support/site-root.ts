/**
 * A private copy of the site's sources (node_modules linked, not copied), for a build or a dev server
 * that must not share the project's folder: Astro writes modules that list the content it read into
 * `<root>/.astro/`, so two builds of different content from one folder break each other. With a root
 * each, the browser tests' builds and dev servers run side by side.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a build or `astro dev` reads from the project besides `content/`. */
const SITE_SOURCES = ['src', 'scripts', 'public', 'schemas', 'astro.config.mjs', 'package.json', 'tsconfig.json', 'pagefind.yml'];

/** Copies the site's sources into `root` (created if missing) and links node_modules; returns `root`. */
export function siteRoot(root: string, project = process.cwd()): string {
  mkdirSync(root, { recursive: true });
  for (const name of SITE_SOURCES) cpSync(join(project, name), join(root, name), { recursive: true });
  if (!existsSync(join(root, 'node_modules'))) symlinkSync(join(project, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/** A new temporary site (name starting with `prefix`) holding the small valid fixture's content and public files. */
export function validFixtureSite(prefix: string, project = process.cwd()): string {
  const root = siteRoot(mkdtempSync(join(tmpdir(), prefix)), project);
  const fixture = join(project, 'tests', 'fixtures', 'content-valid');
  cpSync(join(fixture, 'content'), join(root, 'content'), { recursive: true });
  cpSync(join(fixture, 'public'), join(root, 'public'), { recursive: true });
  return root;
}
