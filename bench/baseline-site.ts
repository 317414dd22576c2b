/**
 * The yardstick for build cost: a bare Astro site (@astrojs/mdx only) with the
 * same number of pages as ours, made from the same catalog text as plain MDX
 * pages. It shares the project's node_modules through a symlink, so both
 * builds run the same Astro, Vite and Pagefind.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogDocument } from './generate-catalog.ts';

const CONFIG = `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  integrations: [mdx()],
  trailingSlash: 'always',
  build: { format: 'directory' },
  cacheDir: process.env.LEARNSPACE_CACHE_DIR ?? './node_modules/.astro',
  devToolbar: { enabled: false },
});
`;

const LAYOUT = `---
const { frontmatter } = Astro.props;
---
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width" /><title>{frontmatter.title}</title></head>
  <body><main data-pagefind-body><h1>{frontmatter.title}</h1><slot /></main></body>
</html>
`;

/** Writes the baseline project into `dir` with `pageCount` pages, cycling through `documents`. */
export function writeBaselineSite(dir: string, projectRoot: string, documents: readonly CatalogDocument[], pageCount: number): void {
  if (documents.length === 0) throw new Error('the baseline needs at least one document to make pages from');
  rmSync(dir, { recursive: true, force: true });
  const pages = join(dir, 'src', 'pages', 'p');
  mkdirSync(pages, { recursive: true });
  mkdirSync(join(dir, 'src', 'layouts'), { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'learnspace-baseline', private: true, type: 'module' }, null, 2));
  writeFileSync(join(dir, 'astro.config.mjs'), CONFIG);
  writeFileSync(join(dir, 'src', 'layouts', 'Page.astro'), LAYOUT);
  for (let n = 0; n < pageCount; n++) {
    const doc = documents[n % documents.length]!;
    const frontmatter = `---\nlayout: ../../layouts/Page.astro\ntitle: ${JSON.stringify(doc.title)}\n---\n\n`;
    writeFileSync(join(pages, `${n}.mdx`), frontmatter + doc.markdown + '\n');
  }
}
