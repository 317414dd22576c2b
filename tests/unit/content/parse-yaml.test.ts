/**
 * parseYaml reads well-formed mappings with js-yaml and everything else with `yaml`
 * (src/lib/content-files.ts): both must give the same data for every file an author writes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/lib/content-files.ts';
import type { ContentProblem } from '../../../src/lib/friendly-errors.ts';

const REPO = join(import.meta.dirname, '../../..');

/** Every YAML file and MDX frontmatter of the sample content and the test fixtures. */
function authoredYaml(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const dir of ['content', 'tests/fixtures', 'fixtures']) {
    let files: string[];
    try {
      files = readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const f of files) {
      const file = `${dir}/${f}`;
      if (file.includes('/generated/')) continue;
      if (f.endsWith('.yaml')) out.push({ file, text: readFileSync(join(REPO, file), 'utf8') });
      if (f.endsWith('.mdx')) {
        const m = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(REPO, file), 'utf8'));
        if (m) out.push({ file, text: m[1]! });
      }
    }
  }
  return out;
}

const written = [
  'title: "Vectors: what even are they?"\norder: 1\n',
  'title: Why 0.1 + 0.2 != 0.3\nanswer: 2\nchoices: [yes, no, "null", ~]\n',
  'url: https://example.com/a#b\ndue: 2026-01-31\nflag: true\nnote: |\n  line one\n  line two\n',
  'title: A & B, *not* bold\n',
  'base: &base { order: 1 }\nother: *base\n',
  'title: !!str 12\n',
];

describe('parseYaml', () => {
  it('gives the same data as the yaml package for every authored file', () => {
    const files = authoredYaml();
    expect(files.length).toBeGreaterThan(30);
    for (const { file, text } of [...files, ...written.map((text, i) => ({ file: `written-${i}`, text }))]) {
      const problems: ContentProblem[] = [];
      const data = parseYaml(text, file, problems);
      const doc = parseDocument(text, { uniqueKeys: true });
      if (doc.errors.length > 0) {
        expect(problems, file).not.toEqual([]);
        continue;
      }
      expect(problems, file).toEqual([]);
      expect(data, file).toEqual(doc.toJS());
    }
  });

  it('keeps dates, yes and no as the text the author wrote', () => {
    expect(parseYaml('due: 2026-01-31\nanswer: yes\n', 'x.yaml', [])).toEqual({ due: '2026-01-31', answer: 'yes' });
  });

  it('reports mistakes with the line to fix, as before', () => {
    const problems: ContentProblem[] = [];
    expect(parseYaml('title: a\n\tindented: b\n', 'x.yaml', problems)).toBeUndefined();
    expect(problems[0]!.message).toMatch(/line 2/);
  });
});
