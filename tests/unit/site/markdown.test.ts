/**
 * Quiz text rendering: a plain line skips Markdown and the sanitiser (src/lib/markdown.ts), and
 * must come out exactly as the full path renders it; anything Markdown would change takes the full path.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { plainLineHtml, renderQuizHtml, renderQuizMarkdown } from '../../../src/lib/markdown.ts';

/** Every prompt, choice and explanation of the committed sample's generated quizzes. */
function sampleQuizStrings(): string[] {
  const dir = join(process.cwd(), 'content', 'generated', 'videos');
  const strings = new Set<string>();
  for (const id of readdirSync(dir)) {
    let text: string;
    try {
      text = readFileSync(join(dir, id, 'quiz.yaml'), 'utf8');
    } catch {
      continue;
    }
    const quiz = parse(text) as { questions: Array<{ prompt: string; choices: string[]; explanation?: string }> };
    for (const q of quiz.questions) for (const s of [q.prompt, ...q.choices, q.explanation ?? '']) strings.add(s);
  }
  return [...strings];
}

const written = [
  'A linear transformation',
  'It keeps grid lines parallel and evenly spaced, and the origin fixed.',
  'Why does the cost go down? (Think of the slope.)',
  'He called it "the determinant" — the area’s scale factor, 50% of the time.',
  'Roughly 3.5 / 2 = 1.75',
  '2x2 matrices',
];
const markdown = [
  ['1. First step', '<ol>'],
  ['2) Second step', '<ol>'],
  ['- a bullet', '<ul>'],
  ['+ another bullet', '<ul>'],
  ['# A heading', 'A heading'],
  ['Read www.example.com first', '<a href="http://www.example.com"'],
  ['See https://example.com', '<a href="https://example.com"'],
  ['an *emphasised* word', '<em>emphasised</em>'],
  ['the `map` function', '<code>map</code>'],
  ['x < y & z', 'x &lt; y &amp; z'],
  ['<script>alert(1)</script> gone', '&lt;script&gt;'],
] as const;

describe('quiz text: plain lines', () => {
  it('renders every quiz string of the sample exactly as the full Markdown path does', async () => {
    const strings = sampleQuizStrings();
    expect(strings.length).toBeGreaterThan(100);
    const plain = strings.filter((s) => plainLineHtml(s) !== undefined);
    // Most of a generated quiz is plain text: choices are a word or a short phrase.
    expect(plain.length / strings.length).toBeGreaterThan(0.4);
    for (const s of [...strings, ...written]) expect(await renderQuizMarkdown(s), s).toBe(await renderQuizHtml(s));
  });

  it('takes plain lines as they are', () => {
    for (const s of written) expect(plainLineHtml(s), s).toBe(s);
  });

  it('leaves lists, headings, links, emphasis, code and markup to Markdown and the sanitiser', async () => {
    for (const [s, html] of markdown) {
      expect(plainLineHtml(s), s).toBeUndefined();
      const rendered = await renderQuizMarkdown(s);
      expect(rendered, s).toContain(html);
      expect(rendered, s).not.toBe(s);
    }
    for (const s of [' leading space', 'trailing space ', 'two  spaces', 'line\nbreak']) expect(plainLineHtml(s), JSON.stringify(s)).toBeUndefined();
  });
});
