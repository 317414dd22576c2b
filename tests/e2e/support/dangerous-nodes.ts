/** What the hostile-content tests (the site, and the LMS packages) look for in a rendered page. */
import type { Frame, Page } from 'playwright-core';

/**
 * Anything in a document's content (its `<main>`, else its body) that could run script: event-handler
 * attributes, script-capable URLs, a script carrying a payload, plugin and meta elements, and frames
 * other than YouTube's player (and those named in `allowFrames`, e.g. an LMS package's own frame).
 * A JSON data block (a lecture's quiz) may hold payload text as data: it must parse, in the one
 * element, with no "<" that could close it.
 */
export function dangerousNodes(frame: Page | Frame, allowFrames: readonly string[] = []): Promise<string[]> {
  return frame.evaluate((allowed) => {
    const found: string[] = [];
    const scope = document.querySelector('main') ?? document.body;
    const parses = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    for (const el of Array.from(scope.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
        if (/^(href|src|action|data|formaction|xlink:href)$/i.test(attr.name) && /^\s*(javascript|data|vbscript):/i.test(attr.value))
          found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
      const text = el.textContent ?? '';
      const data = el.tagName === 'SCRIPT' && (el as HTMLScriptElement).type === 'application/json';
      if (data && (/</.test(text) || !parses(text))) found.push(el.outerHTML.slice(0, 80));
      // The site's own scripts (Astro's island runtime) are fine; a script carrying a payload is not.
      if (el.tagName === 'SCRIPT' && !data && text.includes('__xss')) found.push(el.outerHTML.slice(0, 80));
      if (['OBJECT', 'EMBED', 'META', 'LINK', 'BASE'].includes(el.tagName)) found.push(el.outerHTML.slice(0, 80));
      if (el.tagName === 'IFRAME' && !/^https:\/\/www\.youtube-nocookie\.com\//.test((el as HTMLIFrameElement).src) && !allowed.includes(el.id))
        found.push(el.outerHTML.slice(0, 80));
    }
    return found;
  }, allowFrames);
}
