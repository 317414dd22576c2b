/**
 * Astro marks every component that imports `astro:content` (directly or through a module such as
 * src/site/catalog.ts) as propagating head content from the MDX entries, and collects that head
 * from each such component on every page render: on the S catalog that was 0.3 s of a 10 s build.
 * Components get what they show from their page's props and import browser-safe helpers
 * (src/site/course-shape.ts, src/browser/format.ts); only MdxBody, which renders an entry, may reach it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');
const ALLOWED = new Set([join(SRC, 'components/items/MdxBody.astro')]);

/** Value imports of a module (type-only imports are erased and do not count). */
function valueImports(file: string): string[] {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.astro')) text = text.split(/^---$/m)[1] ?? '';
  const specifiers: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\s)([^;]*?)\s+from\s+['"]([^'"]+)['"]/gm)) {
    const clause = m[2]!;
    // `{ type A, type B }` only: erased.
    const names = /^\{([^}]*)\}$/.exec(clause.trim());
    if (names && names[1]!.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    specifiers.push(m[3]!);
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specifiers.push(m[1]!);
  return specifiers;
}

/** The chain of modules from `file` to `astro:content`, or undefined when it never gets there. */
function pathToContent(file: string, seen = new Set<string>()): string[] | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  for (const specifier of valueImports(file)) {
    if (specifier === 'astro:content') return [file, specifier];
    if (!specifier.startsWith('.')) continue;
    const target = resolve(dirname(file), specifier);
    // MdxBody renders an entry: the components around it propagate its head by design.
    if (!existsSync(target) || !/\.(ts|astro)$/.test(target) || ALLOWED.has(target)) continue;
    const rest = pathToContent(target, seen);
    if (rest) return [file, ...rest];
  }
  return undefined;
}

function astroFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.astro'))
    .map((f) => join(dir, f));
}

describe('head propagation', () => {
  it('no component or layout reaches astro:content except the one that renders MDX entries', () => {
    const files = [...astroFiles(join(SRC, 'components')), ...astroFiles(join(SRC, 'layouts')), ...astroFiles(join(SRC, 'islands'))];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files
      .filter((f) => !ALLOWED.has(f))
      .flatMap(
        (f) =>
          pathToContent(f)
            ?.map((p) => p.replace(`${SRC}/`, ''))
            .join(' → ') ?? [],
      );
    expect(offenders).toEqual([]);
    // The rule sees through modules: MdxBody itself does reach it.
    expect(pathToContent(join(SRC, 'components/items/MdxBody.astro'))).toBeDefined();
    expect(pathToContent(join(SRC, 'pages/index.astro'))?.map((p) => p.replace(`${SRC}/`, ''))).toContain('site/catalog.ts');
  });
});
