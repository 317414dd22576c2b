import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageTypes, type PageType } from './support/page-types.ts';

const dist = join(process.cwd(), 'dist');
const KB = 1024;
const budgets: Partial<Record<PageType, number>> = { 'text item': 60 * KB };
const defaultBudget = 120 * KB;

function htmlFor(path: string): string {
  const file = path === pageTypes['not found'] ? join(dist, '404.html') : join(dist, path, 'index.html');
  return readFileSync(file, 'utf8');
}

/** Script URLs an HTML page loads: script src, module preloads, and islands' component and renderer modules. */
export function scriptsOf(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/\b(?:component-url|renderer-url)="([^"]+)"/g)) urls.add(m[1]!);
  return [...urls].filter((u) => u.startsWith('/'));
}

/** Static imports of a built chunk (not dynamic `import()`), as site paths. */
function staticImports(code: string, from: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\n}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g)) {
    const spec = m[1]!;
    if (spec.startsWith('.') || spec.startsWith('/')) out.push(spec.startsWith('/') ? spec : posix.join(posix.dirname(from), spec));
  }
  return out;
}

/** Every script file a page loads, following static imports, with its gzip size. */
function pageWeight(html: string): { files: Map<string, number>; total: number } {
  const files = new Map<string, number>();
  const queue = scriptsOf(html);
  while (queue.length > 0) {
    const url = queue.pop()!;
    if (files.has(url)) continue;
    const file = join(dist, url);
    if (!existsSync(file)) throw new Error(`${url} is referenced but missing from dist/`);
    const code = readFileSync(file);
    files.set(url, gzipSync(code, { level: 9 }).length);
    queue.push(...staticImports(code.toString('utf8'), url));
  }
  return { files, total: [...files.values()].reduce((a, b) => a + b, 0) };
}

describe('JavaScript weight per page type (gzip)', () => {
  const rows = Object.entries(pageTypes).map(([type, path]) => ({ type: type as PageType, ...pageWeight(htmlFor(path)) }));

  it('prints the table', () => {
    console.log(
      [
        'page type'.padEnd(22) + 'files  gzip KB  budget KB',
        ...rows.map(
          (r) =>
            `${r.type.padEnd(22)}${String(r.files.size).padStart(5)}  ${(r.total / KB).toFixed(1).padStart(7)}  ${String((budgets[r.type] ?? defaultBudget) / KB).padStart(9)}`,
        ),
      ].join('\n'),
    );
    expect(rows.length).toBe(Object.keys(pageTypes).length);
  });

  it('follows static imports of island chunks (the measurement sees the renderer)', () => {
    const course = rows.find((r) => r.type === 'course')!;
    expect(course.files.size).toBeGreaterThan(scriptsOf(htmlFor(pageTypes.course)).length);
  });

  for (const type of Object.keys(pageTypes) as PageType[]) {
    const budget = budgets[type] ?? defaultBudget;
    it(`keeps the ${type} page under ${budget / KB} KB`, () => {
      const row = rows.find((r) => r.type === type)!;
      expect(row.total, [...row.files].map(([f, n]) => `${f} ${(n / KB).toFixed(1)} KB`).join('\n')).toBeLessThan(budget);
    });
  }
});
