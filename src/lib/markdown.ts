/**
 * Renders untrusted Markdown (model-generated notes, quiz text) to safe HTML at
 * build time: satteri turns Markdown into HTML, sanitize-html keeps only basic
 * formatting and http(s) links, which always get rel="noopener noreferrer".
 * Quiz code blocks are highlighted here by Shiki, so no parser ships to the browser.
 * TeX formulas (src/lib/math.ts) are taken out before Markdown sees them and put back as
 * MathML, which the sanitiser admits exactly as temml writes it.
 */
import { defineMdastPlugin, markdownToHtml } from 'satteri';
import sanitizeHtml from 'sanitize-html';
import { createHighlighter, type Highlighter } from 'shiki';
import { mathmlAllowlist, mayContainMath, renderTex, replaceMath, TexError } from './math.ts';

const mathAttributes = Object.fromEntries(
  mathmlAllowlist.tags.map((tag) => [tag, [...(mathmlAllowlist.attributes[tag] ?? []), mathmlAllowlist.searchIgnore]]),
) as Record<string, sanitizeHtml.AllowedAttribute[]>;
const mathStyles = Object.fromEntries(mathmlAllowlist.tags.map((tag) => [tag, mathmlAllowlist.styles]));
const mathClasses = Object.fromEntries([...mathmlAllowlist.tags, 'span'].map((tag) => [tag, [...mathmlAllowlist.classes]]));

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a', 'sub', 'sup', 'del', 'span', ...mathmlAllowlist.tags],
  allowedAttributes: { ...mathAttributes, span: ['class'], a: ['href', 'rel', 'title'] },
  allowedClasses: mathClasses,
  allowedStyles: mathStyles,
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
    // Headings inside a note body would break the page outline; keep their text as strong paragraphs.
    h1: 'p',
    h2: 'p',
    h3: 'p',
    h4: 'p',
    h5: 'p',
    h6: 'p',
  },
};

/** What becomes of a formula temml cannot read: an error (the site: the check should have caught it), or its TeX shown as code (a preview). */
export type TexErrors = 'throw' | 'show';

/**
 * Markdown rendered by `render` with its formulas as MathML: each formula (outside code) becomes a
 * private-use placeholder Markdown leaves alone, and its MathML replaces the placeholder afterwards.
 */
function withMath(markdown: string, render: (markdown: string) => string, texErrors: TexErrors): string {
  if (!mayContainMath(markdown)) return render(markdown);
  const formulas: string[] = [];
  const source = replaceMath(
    markdown,
    (span) => {
      try {
        formulas.push(renderTex(span.tex, span.display));
      } catch (error) {
        if (texErrors === 'throw' || !(error instanceof TexError)) throw error;
        formulas.push(`<code>${escapeText(markdown.slice(span.start, span.end))}</code>`);
      }
      return `\uE000${formulas.length - 1}\uE001`;
    },
    { skipCode: true },
  );
  return render(source).replace(/\uE000(\d+)\uE001/g, (_, n: string) => formulas[Number(n)]!);
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Each video's notes are rendered on two pages (its course item and /videos/<id>/); the output depends only on the input.
const rendered = new Map<string, string>();

/** Untrusted Markdown in, sanitised HTML out; memoised per input, since the same notes appear on several pages. */
export function renderUntrustedMarkdown(markdown: string, texErrors: TexErrors = 'throw'): string {
  let html = texErrors === 'throw' ? rendered.get(markdown) : undefined;
  if (html === undefined) {
    html = sanitizeHtml(
      withMath(markdown, (md) => markdownToHtml(md).html, texErrors),
      allowed,
    );
    if (texErrors === 'throw') rendered.set(markdown, html);
  }
  return html;
}

/** Languages a quiz's fenced code may name; any other (or none) is shown as plain code. */
const quizCodeLanguages = [
  'python',
  'javascript',
  'typescript',
  'jsx',
  'tsx',
  'html',
  'css',
  'json',
  'bash',
  'shellscript',
  'sql',
  'yaml',
  'c',
  'cpp',
  'java',
  'rust',
  'go',
  'r',
];
const codeTheme = 'github-dark';
let highlighter: Promise<Highlighter> | undefined;

/** Quiz text's own elements: Markdown's formatting, code, and Shiki's coloured spans (colours only). */
const quizAllowed: sanitizeHtml.IOptions = {
  ...allowed,
  allowedAttributes: { ...allowed.allowedAttributes, pre: ['class', 'style', 'tabindex'], span: ['class', 'style'] },
  // Shiki's lines are `<span class="line">`; a formula's spans carry temml's classes.
  allowedClasses: { ...mathClasses, span: [...mathmlAllowlist.classes, 'line'] },
  allowedStyles: {
    ...mathStyles,
    '*': { color: [/^#[0-9a-f]{3,8}$/i], 'background-color': [/^#[0-9a-f]{3,8}$/i], 'font-style': [/^italic$/], 'font-weight': [/^bold$/] },
  },
};

/** Raw HTML in quiz text is shown as text (a prompt may ask about `<div>` without backticks); fenced code is highlighted. */
function quizMarkdownPlugin(hl: Highlighter) {
  return defineMdastPlugin({
    name: 'learnspace-quiz-text',
    html(node, ctx) {
      ctx.replaceNode(node, { type: 'text', value: node.value });
    },
    code(node, ctx) {
      const lang = node.lang && hl.getLoadedLanguages().includes(node.lang) ? node.lang : 'text';
      const html = hl.codeToHtml(node.value, {
        lang,
        theme: codeTheme,
        transformers: [
          {
            pre(pre) {
              this.addClassToHast(pre, 'astro-code');
            },
          },
        ],
      });
      ctx.replaceNode(node, { type: 'html', value: html });
    },
  });
}

/**
 * One line Markdown leaves as it is: letters, digits and plain punctuation only (no `*_~`, backticks,
 * brackets, `<>&`, backslash or `|`), nothing a list or heading could start with, no web address to
 * autolink, no whitespace at either end or doubled. Most quiz choices and many prompts are such lines.
 */
const PLAIN_LINE = /^(?![-+]|\d+[.)](?:\s|$))[\p{L}\p{N} ,.;:?!'"()\u2018\u2019\u201c\u201d\u2013\u2014%/=-]*$/u;

/** `text` is a plain line: its HTML is the text itself, exactly what Markdown and the sanitiser make of it. */
export function plainLineHtml(text: string): string | undefined {
  if (!PLAIN_LINE.test(text) || /^\s|\s$|\s\s|www\.|:\/\//.test(text)) return undefined;
  return text;
}

/** Quiz prompt, choice or explanation (authored or from a model) in, sanitised HTML out; a single paragraph is unwrapped so it sits inline. */
export function renderQuizMarkdown(markdown: string): Promise<string> {
  let html = renderedQuiz.get(markdown);
  if (html === undefined) {
    // A plain line skips the Markdown parser and the sanitiser: a 200-video library has about 8,000 quiz strings, nearly all plain.
    const plain = plainLineHtml(markdown);
    html = plain === undefined ? renderQuizHtml(markdown) : Promise.resolve(plain);
    renderedQuiz.set(markdown, html);
  }
  return html;
}

// A video's generated quiz shows on its course item and on /videos/<id>/.
const renderedQuiz = new Map<string, Promise<string>>();

/** The full path every quiz string took before the plain-line shortcut: Markdown, Shiki, sanitiser. */
export async function renderQuizHtml(markdown: string): Promise<string> {
  highlighter ??= createHighlighter({ themes: [codeTheme], langs: quizCodeLanguages });
  const plugin = quizMarkdownPlugin(await highlighter);
  const html = sanitizeHtml(
    withMath(markdown, (md) => markdownToHtml(md, { mdastPlugins: [plugin] }).html, 'throw'),
    quizAllowed,
  ).trim();
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single && !single[1]!.includes('<p>') ? single[1]! : html;
}
