/**
 * TeX math in course text (src/lib/math.ts, src/lib/markdown.ts): which dollars are formulas, what
 * MathML comes out, where a broken formula is reported, and what the sanitiser lets through a `<math>`.
 */
import { describe, expect, it } from 'vitest';
import { mdxToJs } from 'satteri';
import { findMath, mdxWithMath, renderTex, texProblems, TexError } from '../../../src/lib/math.ts';
import { renderQuizMarkdown, renderUntrustedMarkdown } from '../../../src/lib/markdown.ts';
import { mdxSourceWithMath } from '../../../src/integrations/mdx-math.ts';
import { parseNotes, parseQuiz } from '../../../src/lib/video-material.ts';
import { formatProblem } from '../../../src/lib/friendly-errors.ts';
import { notesModelSchema } from '../../../src/lib/schema.ts';
import { parseModelOutput, UnusableAnswerError } from '../../../scripts/pipeline/model-output.ts';

const formulas = (text: string) => findMath(text, { skipCode: true }).map((s) => [s.tex, s.display]);

describe('finding formulas', () => {
  it('reads the four delimiters, inline and display', () => {
    expect(formulas('Let $x^2$ be, or \\(y_1\\), then $$\\sum_i i$$ and \\[\\int f\\]')).toEqual([
      ['x^2', false],
      ['y_1', false],
      ['\\sum_i i', true],
      ['\\int f', true],
    ]);
  });

  it('leaves prices as text', () => {
    for (const text of [
      'the book costs $5 and the workbook $10',
      'salaries of $20,000 and $30,000',
      'it costs $5 or 6$ at most',
      'a $ sign alone',
      'between $ a$ and $b $ there is a space',
    ]) {
      expect(formulas(text), text).toEqual([]);
    }
    expect(formulas('costs $5, and $x$ is a variable')).toEqual([['x', false]]);
  });

  it('treats \\$ as a literal dollar', () => {
    expect(formulas('a \\$5 note and \\$x\\$')).toEqual([]);
    expect(formulas('\\$5 and $y$')).toEqual([['y', false]]);
  });

  it('skips inline code and fenced code, and keeps a formula within its paragraph', () => {
    expect(formulas('`$x$` is code, $y$ is math')).toEqual([['y', false]]);
    expect(formulas('```python\nprice = "$a$"\n```\n\n$z$')).toEqual([['z', false]]);
    expect(formulas('$a\n\nb$')).toEqual([]);
  });
});

describe('rendering', () => {
  it('writes MathML with the TeX as its annotation, display formulas as blocks', () => {
    expect(renderTex('x^2', false)).toMatch(
      /^<math><semantics><msup data-pagefind-ignore="all"><mi>x<\/mi><mn[^>]*>2<\/mn><\/msup><annotation encoding="application\/x-tex">x\^2<\/annotation><\/semantics><\/math>$/,
    );
    expect(renderTex('x', true)).toMatch(/^<math display="block"/);
  });

  it('renders matrices, aligned equations and chemistry', () => {
    const matrix = renderTex('\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}', true);
    expect(matrix.match(/<mtr>/g)).toHaveLength(2);
    expect(matrix).toContain('<mo fence="true" form="prefix" stretchy="true">(</mo>');
    expect(renderTex('\\begin{aligned} a &= b \\\\ &= c \\end{aligned}', true)).toContain('<mtable');
    const water = renderTex('\\ce{H2O}', false);
    expect(water).toContain('<mi mathvariant="normal">H</mi>');
    expect(water).toContain('<mn>2</mn>');
  });

  it('reports a broken formula with its line and column in the text', () => {
    expect(() => renderTex('\\frac{1}{', false)).toThrow(TexError);
    expect(texProblems('Here it is: $\\frac{1}{2$\nand $\\fracc{2}$')).toEqual([
      { line: 1, column: 24, formula: '$\\frac{1}{2$', reason: "Unexpected end of input in a macro argument, expected '}' at the end of the formula" },
      { line: 2, column: 6, formula: '$\\fracc{2}$', reason: 'Unsupported function name: \\fracc' },
    ]);
  });
});

describe('Markdown with formulas', () => {
  it('renders formulas in notes, leaving code and prices alone', () => {
    const html = renderUntrustedMarkdown('The $\\det A$ of `$x$`, for $5 and $10.\n\n$$a^2$$');
    expect(html).toMatch(/^<p>The <math><semantics>.*<mi>det<\/mi>.*<\/math> of <code>\$x\$<\/code>, for \$5 and \$10\.<\/p>/);
    expect(html).toContain('<p><math display="block" class="tml-display" style="display:block math">');
  });

  it('renders formulas in quiz prompts and choices, inline', async () => {
    await expect(renderQuizMarkdown('What is $x^2$ for $x = 3$?')).resolves.toMatch(/^What is <math>.*<\/math> for <math>.*<\/math>\?$/);
    await expect(renderQuizMarkdown('$6$')).resolves.toMatch(/^<math><semantics><mn data-pagefind-ignore="all">6<\/mn>/);
  });

  it('keeps MathML but strips scripts, handlers, links and styles that could run or leak inside <math>', () => {
    const html = renderUntrustedMarkdown(
      '<math><mi onclick="alert(1)" href="javascript:alert(1)" style="background:url(https://evil.example/x)">x</mi>' +
        '<maction actiontype="statusline"><mtext>y</mtext></maction><script>alert(2)</script>' +
        '<annotation-xml encoding="text/html"><a href="javascript:alert(3)">z</a></annotation-xml></math>',
    );
    expect(html).toContain('<math><mi>x</mi>');
    expect(html).not.toMatch(/onclick|javascript:|url\(|<script|maction|annotation-xml|alert/);
  });
});

describe('MDX with formulas', () => {
  const body = [
    'A fraction $\\frac{a}{b}$ costs $5.',
    '',
    '$$',
    '\\det\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} = ad - bc',
    '$$',
    '',
    '<Callout type="tip">Water is $\\ce{H2O}$; `$code$` stays.</Callout>',
    '',
    '<Figure src="/a.svg" alt="a" caption="costs $5 and $x$ here" />',
  ].join('\n');

  it('compiles: braces in formulas are not MDX expressions, and component attributes are left as written', () => {
    const out = mdxWithMath(body);
    expect(out).toContain('<mi>{"det"}</mi>');
    expect(out).toContain('caption="costs $5 and $x$ here"');
    expect(out).toContain('`$code$`');
    expect(() => mdxToJs(out)).not.toThrow();
  });

  it('leaves the frontmatter as written', () => {
    const source = `---\ntype: text\norder: 1\ntitle: "The $x$ rule"\n---\n\n${body}`;
    expect(mdxSourceWithMath(source)).toMatch(/^---\ntype: text\norder: 1\ntitle: "The \$x\$ rule"\n---\n\nA fraction <math>/);
  });
});

describe('generated material with formulas', () => {
  it('names the notes.md section, line and column of a broken formula', () => {
    const notes =
      '---\nsummary: S.\nglossary: []\nreviewed: false\n---\n\n## 0:00 Determinants\n\n- The rule $\\det A = ad - bc$ holds.\n- Broken: $\\frac{a}{$ here.\n';
    const parsed = parseNotes(notes, 'content/generated/videos/x/notes.md');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map(formatProblem)).toEqual([
      "content/generated/videos/x/notes.md: sections[0].body: line 10, column 21: TeX error in $\\frac{a}{$: Unexpected end of input in a macro argument, expected '}' at the end of the formula (fix the formula; write a dollar sign that is not math as \\$)",
    ]);
  });

  it('names the quiz.yaml field of a broken formula', () => {
    const quiz =
      "reviewed: false\nquestions:\n  - prompt: 'What is $\\sqrt{4$?'\n    choices: ['$2$', '$4$']\n    answer: 0\n    explanation: ''\n    startMs: 0\n";
    const parsed = parseQuiz(quiz, 'content/generated/videos/x/quiz.yaml');
    expect(!parsed.ok && parsed.problems.map(formatProblem)).toEqual([
      "content/generated/videos/x/quiz.yaml: questions[0].prompt: column 17: TeX error in $\\sqrt{4$: Expected '}' before the end of the formula (fix the formula; write a dollar sign that is not math as \\$)",
    ]);
  });

  it("takes a model's broken formula as an unusable answer, which is asked for again", () => {
    const answer = JSON.stringify({
      summary: 'About $\\det A$.',
      sections: [{ title: 'T', body: '- $\\frac{1}{$', startMs: 0, keyTerms: [] }],
      glossary: [],
    });
    expect(() => parseModelOutput(answer, notesModelSchema, 'notes')).toThrow(UnusableAnswerError);
    expect(() => parseModelOutput(answer, notesModelSchema, 'notes')).toThrow(/sections\[0\]\.body: column 13: TeX error in \$\\frac\{1\}\{\$/);
  });
});
