/** The course builder's MDX preview (src/studio/course-api.ts): formulas as the site draws them, a broken one named with its place. */
import { describe, expect, it } from 'vitest';
import { previewBody } from '../../../src/studio/course-api.ts';

describe('studio MDX preview', () => {
  it('draws formulas as MathML', () => {
    const { html, problems } = previewBody('content/courses/x/01-a/02-t.mdx', 'The determinant:\n\n$$\n\\det A = ad - bc\n$$\n\nand $\\ce{H2O}$.');
    expect(problems).toEqual([]);
    expect(html).toMatch(/<math display="block"[^>]*>.*<mi>det<\/mi>/);
    expect(html).toMatch(/and <math><semantics>.*\\ce\{H2O\}<\/annotation><\/semantics><\/math>\./);
  });

  it('shows a formula that does not render as its TeX, with the problem at its body line and column', () => {
    const { html, problems } = previewBody('content/courses/x/01-a/02-t.mdx', 'Fine $x$.\n\nBroken $\\frac{1}{$ here.');
    expect(html).toContain('<code>$\\frac{1}{$</code> here.');
    expect(problems.map((p) => p.message)).toEqual([
      "body line 3, column 18: TeX error in $\\frac{1}{$: Unexpected end of input in a macro argument, expected '}' at the end of the formula (fix the formula; write a dollar sign that is not math as \\$)",
    ]);
  });
});
