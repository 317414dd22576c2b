/**
 * TeX math in course text, rendered at build time to MathML by temml (no client JavaScript).
 * Finds formulas written as `$...$` or `\(...\)` (inline) and `$$...$$` or `\[...\]` (display);
 * `\$` is a literal dollar. A single `$` follows pandoc's tex_math_dollars rule, so prices stay
 * text: the opening `$` has a non-space on its right, the closing one a non-space on its left and
 * no digit after it ("the book costs $5 and the workbook $10" has no formula). Every consumer
 * (Markdown, MDX, the content check, LMS exports) finds and renders formulas here.
 */
import temml from 'temml';

/** One formula in a text: where it is (delimiters included) and its TeX. */
export interface MathSpan {
  /** Offset of the opening delimiter. */
  start: number;
  /** Offset just past the closing delimiter. */
  end: number;
  /** Offset of the TeX's first character. */
  texStart: number;
  tex: string;
  display: boolean;
}

/** A formula temml cannot read; `offset` is where in the TeX it stopped. */
export class TexError extends Error {
  override name = 'TexError';
  readonly tex: string;
  readonly offset: number;
  constructor(message: string, tex: string, offset: number) {
    super(message);
    this.tex = tex;
    this.offset = offset;
  }
}

export interface FindMathOptions {
  /** Leave Markdown code alone: fenced blocks and backtick spans (Markdown and MDX text). */
  skipCode?: boolean;
  /** Leave MDX component tags alone (`<Figure caption="$5" />`): their attributes are not text. */
  skipComponentTags?: boolean;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** A `$...$` whose content is an amount followed by words, with nothing mathematical in it, is prose ("$5 or 6$" is not a formula). */
const PRICE_NOT_MATH = /^\d[\d.,]*\s[^\\^_{}=+\-*/<>()|]*$/;

/** Offset of the closing `$` of an inline formula opened at `open`, or -1 when that `$` opens nothing. */
function closeInlineDollar(text: string, open: number): number {
  if (isSpace(text[open + 1])) return -1;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    // A formula stays within its paragraph.
    if (c === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 3 + 80))) return -1;
    if (c !== '$') continue;
    if (isSpace(text[i - 1]) || isDigit(text[i + 1])) return -1;
    return PRICE_NOT_MATH.test(text.slice(open + 1, i)) ? -1 : i;
  }
  return -1;
}

/** Where `close` next occurs after `from`, outside escapes, not crossing a blank line for inline math; -1 if nowhere. */
function findClose(text: string, from: number, close: string, inline: boolean): number {
  for (let i = from; i < text.length; i++) {
    if (text.startsWith(close, i)) return i;
    if (text[i] === '\\' && close !== '\\)' && close !== '\\]') i++;
    else if (inline && text[i] === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 80))) return -1;
  }
  return -1;
}

/** A fenced code block's opening fence at line start `i` (``` or ~~~, up to three spaces in), or undefined. */
function fenceAt(text: string, i: number): string | undefined {
  return /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(i, i + 80))?.[1];
}

/** Every formula in `text`, in order. */
export function findMath(text: string, options: FindMathOptions = {}): MathSpan[] {
  const spans: MathSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (options.skipCode) {
      const lineStart = i === 0 || text[i - 1] === '\n';
      const fence = lineStart ? fenceAt(text, i) : undefined;
      if (fence) {
        const closing = new RegExp(`\\n {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*(?=\\n|$)`, 'g');
        closing.lastIndex = i;
        const m = closing.exec(text);
        i = m ? m.index + m[0].length : text.length;
        continue;
      }
      if (c === '`') {
        const run = /^`+/.exec(text.slice(i))![0];
        const closeAt = text.indexOf(run, i + run.length);
        // An unmatched run of backticks is literal text.
        i = closeAt === -1 ? i + run.length : closeAt + run.length;
        continue;
      }
    }
    if (options.skipComponentTags && c === '<' && /[A-Z]/.test(text[i + 1] ?? '')) {
      const close = text.indexOf('>', i);
      if (close !== -1) {
        i = close + 1;
        continue;
      }
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const close = next === '(' ? '\\)' : '\\]';
        const end = findClose(text, i + 2, close, next === '(');
        if (end !== -1 && text.slice(i + 2, end).trim()) {
          spans.push({ start: i, end: end + 2, texStart: i + 2, tex: text.slice(i + 2, end), display: next === '[' });
          i = end + 2;
          continue;
        }
      }
      i += 2;
      continue;
    }
    if (c === '$') {
      if (text[i + 1] === '$') {
        const end = findClose(text, i + 2, '$$', false);
        if (end !== -1 && text.slice(i + 2, end).trim()) {
          spans.push({ start: i, end: end + 2, texStart: i + 2, tex: text.slice(i + 2, end), display: true });
          i = end + 2;
          continue;
        }
        i += 2;
        continue;
      }
      const end = closeInlineDollar(text, i);
      if (end !== -1) {
        spans.push({ start: i, end: end + 1, texStart: i + 1, tex: text.slice(i + 1, end), display: false });
        i = end + 1;
        continue;
      }
    }
    i++;
  }
  return spans;
}

/** Whether `text` may hold a formula at all: a cheap test before scanning. */
export function mayContainMath(text: string): boolean {
  return text.includes('$') || text.includes('\\(') || text.includes('\\[');
}

const rendered = new Map<string, string>();

/**
 * One formula's MathML (`<math>` with the TeX as its annotation, which search indexes); throws
 * TexError for TeX temml cannot read. `\ce{}` and `\pu{}` (mhchem) are built into temml's Node build.
 */
export function renderTex(tex: string, display: boolean): string {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let html = rendered.get(key);
  if (html === undefined) {
    try {
      html = temml
        .renderToString(tex, { displayMode: display, annotate: true, throwOnError: true, trust: false })
        // Search indexes the TeX annotation, with its spaces and words, not the drawn symbols run together ("det⁡(abcd)=ad−bc").
        .replace(/<semantics><([a-z]+)/, '<semantics><$1 data-pagefind-ignore="all"');
    } catch (error) {
      const e = error as Error & { position?: number };
      // temml's message repeats the formula with combining underlines; the position is what an author needs.
      const reason = e.message
        .replace(/^\s*ParseError:\s*/, '')
        .replace(/\s+at position \d+:[\s\S]*$/, '')
        .replace(/\s+at end of input:[\s\S]*$/, ' at the end of the formula')
        .replace(/, got 'EOF' at the end of the formula$/, ' before the end of the formula')
        .trim();
      throw new TexError(reason, tex, typeof e.position === 'number' ? e.position : tex.length);
    }
    rendered.set(key, html);
  }
  return html;
}

/** A formula's problem, placed in the text that holds it (1-based line and column). */
export interface TexProblem {
  line: number;
  column: number;
  /** The formula as written, delimiters included (shortened when long). */
  formula: string;
  reason: string;
}

/** Line and column (1-based) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Every formula in `text` that does not render, with where it goes wrong. */
export function texProblems(text: string, options: FindMathOptions = {}): TexProblem[] {
  if (!mayContainMath(text)) return [];
  const problems: TexProblem[] = [];
  for (const span of findMath(text, options)) {
    try {
      renderTex(span.tex, span.display);
    } catch (error) {
      if (!(error instanceof TexError)) throw error;
      // One line per problem: a display formula's line breaks are shown as spaces.
      const written = text.slice(span.start, span.end).replace(/\s+/g, ' ');
      problems.push({
        // "At the end of the formula" points at its last character, not at the line break before its closing `$$`.
        ...lineColumn(text, span.texStart + Math.min(error.offset, span.tex.trimEnd().length)),
        formula: written.length > 60 ? `${written.slice(0, 57)}...` : written,
        reason: error.message,
      });
    }
  }
  return problems;
}

/** `text` with each formula replaced by what `replace` makes of it (text outside formulas untouched). */
export function replaceMath(text: string, replace: (span: MathSpan) => string, options: FindMathOptions = {}): string {
  if (!mayContainMath(text)) return text;
  let out = '';
  let last = 0;
  for (const span of findMath(text, options)) {
    out += text.slice(last, span.start) + replace(span);
    last = span.end;
  }
  return out + text.slice(last);
}

/** Plain text (no Markdown) with its formulas as MathML and the rest HTML-escaped; `\$` becomes `$`. */
export function textWithMathHtml(text: string, escape: (s: string) => string): string {
  let out = '';
  let last = 0;
  const plain = (s: string) => escape(s.replace(/\\\$/g, '$'));
  for (const span of mayContainMath(text) ? findMath(text) : []) {
    out += plain(text.slice(last, span.start)) + renderTex(span.tex, span.display);
    last = span.end;
  }
  return out + plain(text.slice(last));
}

/**
 * The MathML temml writes, for the sanitiser: its elements, their attributes, its class names and
 * inline styles (table padding, boxes, colours). Nothing else in a `<math>` survives sanitising.
 */
export const mathmlAllowlist = {
  tags: [
    'math',
    'semantics',
    'annotation',
    'mrow',
    'mi',
    'mn',
    'mo',
    'ms',
    'mtext',
    'mspace',
    'msup',
    'msub',
    'msubsup',
    'mfrac',
    'msqrt',
    'mroot',
    'mover',
    'munder',
    'munderover',
    'mmultiscripts',
    'mprescripts',
    'none',
    'mtable',
    'mtr',
    'mtd',
    'mpadded',
    'mphantom',
    'mstyle',
    'menclose',
  ],
  attributes: {
    math: ['display', 'class', 'style'],
    annotation: ['encoding'],
    mrow: ['scriptlevel', 'displaystyle', 'class', 'style'],
    mi: ['mathvariant', 'class', 'style'],
    mn: ['mathvariant', 'class', 'style'],
    mo: [
      'fence',
      'form',
      'stretchy',
      'separator',
      'symmetric',
      'largeop',
      'movablelimits',
      'lspace',
      'rspace',
      'minsize',
      'maxsize',
      'mathvariant',
      'class',
      'style',
    ],
    mtext: ['mathvariant', 'class', 'style'],
    mspace: ['width', 'height', 'depth', 'mathbackground', 'linebreak', 'class', 'style'],
    mfrac: ['linethickness', 'class', 'style'],
    mover: ['accent', 'class', 'style'],
    munder: ['accentunder', 'class', 'style'],
    munderover: ['accent', 'accentunder', 'class', 'style'],
    mtable: ['displaystyle', 'columnalign', 'rowspacing', 'columnspacing', 'class', 'style'],
    mtr: ['class', 'style'],
    mtd: ['columnalign', 'class', 'style'],
    mpadded: ['width', 'height', 'depth', 'lspace', 'voffset', 'class', 'style'],
    mstyle: ['scriptlevel', 'displaystyle', 'mathsize', 'mathcolor', 'mathbackground', 'class', 'style'],
    menclose: ['notation', 'class', 'style'],
    span: ['class'],
  } as Record<string, string[]>,
  /** The drawn part of a formula is left out of the search index (its TeX annotation is indexed): on any MathML element, this value only. */
  searchIgnore: { name: 'data-pagefind-ignore', multiple: false, values: ['all'] },
  /** temml's class names (styled by its stylesheet, src/styles/math.css). */
  classes: [
    'tml-*',
    'chr-*',
    'wbk-*',
    'ff-*',
    'mathcal',
    'mathscr',
    'menclose',
    'upstrike',
    'downstrike',
    'sout',
    'textcircle',
    'longdiv-*',
    'phasor-*',
    'actuarial',
    'circle-pad',
    'special-fraction',
  ],
  /** Inline style properties temml sets, each with the values it writes (lengths, colours, a few keywords). */
  styles: ((): Record<string, RegExp[]> => {
    const lengths = /^(?:-?(?:\d+\.?\d*|\.\d+)(?:em|ex|pt|px|mu|%)?\s*){1,4}$/;
    const colour = /^(?:#[0-9a-f]{3,8}|[a-z]+)$/i;
    const styles: Record<string, RegExp[]> = {
      display: [/^block math$/, /^block$/, /^inline-block$/],
      color: [colour],
      'background-color': [colour],
      'math-depth': [/^\d+$/],
    };
    for (const p of ['padding', 'padding-left', 'padding-right', 'padding-top', 'padding-bottom', 'width', 'height', 'margin-left']) styles[p] = [lengths];
    for (const p of ['border', 'border-top', 'border-bottom', 'border-left', 'border-right'])
      styles[p] = [/^(?:[\d.]+(?:em|pt|px)\s+)?(?:solid|dashed|none)(?:\s+#[0-9a-f]{3,8})?$/i];
    return styles;
  })(),
} as const;

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (s: string) =>
  s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (entities[name!] ?? whole),
  );

/**
 * MathML as temml writes it, as MDX JSX: every text and attribute value becomes a JavaScript string
 * expression, so braces, backslashes and Markdown characters in a formula mean nothing to MDX.
 */
export function mathmlToJsx(mathml: string): string {
  return mathml.replace(
    /<(\/?)([a-z]+)((?:\s+[a-z:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g,
    (_whole: string, slash: string, tag: string, attrs: string, selfClose: string, text: string) => {
      if (text !== undefined) return `{${JSON.stringify(decodeEntities(text))}}`;
      const jsxAttrs = [...attrs.matchAll(/([a-z:-]+)="([^"]*)"/g)].map(([, name, value]) => ` ${name}={${JSON.stringify(decodeEntities(value!))}}`).join('');
      return `<${slash}${tag}${jsxAttrs}${selfClose ? ' /' : ''}>`;
    },
  );
}

const mdxOptions: FindMathOptions = { skipCode: true, skipComponentTags: true };

/** An MDX body with its formulas as MathML JSX (what the site compiles); throws TexError on a formula temml cannot read. */
export function mdxWithMath(body: string): string {
  return replaceMath(body, (span) => mathmlToJsx(renderTex(span.tex, span.display)), mdxOptions);
}

/** An MDX body with each formula's characters replaced by "x" (line breaks kept): MDX syntax is checked with every other position where it was. */
export function mdxWithoutMath(body: string): string {
  return replaceMath(body, (span) => body.slice(span.start, span.end).replace(/[^\n]/g, 'x'), mdxOptions);
}

/** Formulas in an MDX body that do not render (code and component tags skipped). */
export function mdxTexProblems(body: string): TexProblem[] {
  return texProblems(body, mdxOptions);
}
