/**
 * Renders untrusted Markdown (model-generated notes) to safe HTML at build
 * time: satteri turns Markdown into HTML, sanitize-html keeps only basic
 * formatting and http(s) links, which always get rel="noopener noreferrer".
 */
import { markdownToHtml } from 'satteri';
import sanitizeHtml from 'sanitize-html';

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a', 'sub', 'sup', 'del'],
  allowedAttributes: { a: ['href', 'rel', 'title'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
    // Headings inside a note body would break the page outline; keep their text as strong paragraphs.
    h1: 'p', h2: 'p', h3: 'p', h4: 'p', h5: 'p', h6: 'p',
  },
};

// Each video's notes are rendered on two pages (its course item and /videos/<id>/); the output depends only on the input.
const rendered = new Map<string, string>();

/** Untrusted Markdown in, sanitised HTML out; memoised per input, since the same notes appear on several pages. */
export function renderUntrustedMarkdown(markdown: string): string {
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = sanitizeHtml(markdownToHtml(markdown).html, allowed);
    rendered.set(markdown, html);
  }
  return html;
}
