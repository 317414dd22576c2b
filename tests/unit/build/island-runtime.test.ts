import { describe, expect, it } from 'vitest';
import islandRuntime from 'astro/runtime/server/astro-island.prebuilt.js';
import visible from 'astro/runtime/client/visible.prebuilt.js';
import { externaliseIslandScripts } from '../../../src/site/island-scripts.ts';
import { scriptHash } from '../../../src/site/csp.ts';

const files = new Map([
  ['island-runtime', { text: islandRuntime, href: '/_astro/island-runtime.abcd1234.js' }],
  ['island-visible', { text: visible, href: '/_astro/island-visible.abcd1234.js' }],
]);
const theme = "try{document.documentElement.dataset.theme='dark'}catch{}";
const csp = (hashes: string[]) =>
  `<meta http-equiv="content-security-policy" content="script-src 'self' ${hashes.map((h) => `'${h}'`).join(' ')}; style-src 'self'">`;

/** A page as Astro writes it: the theme script in the head, the runtime inline before the first island. */
const page = `<html><head>${csp([scriptHash(theme), scriptHash(islandRuntime), scriptHash(visible)])}<script>${theme}</script></head><body><style>astro-island{display:contents}</style><script>${visible}</script><script>${islandRuntime}</script><astro-island component-url="/_astro/Quiz.js"></astro-island></body></html>`;

describe("moving Astro's island runtime out of the pages", () => {
  it('loads the runtime and directive from files, in the same place, and stops allowing them inline', () => {
    const { html, used } = externaliseIslandScripts(page, files);
    expect(used.sort()).toEqual(['island-runtime', 'island-visible']);
    expect(html).not.toContain(islandRuntime);
    expect(html).toContain('<script src="/_astro/island-visible.abcd1234.js"></script><script src="/_astro/island-runtime.abcd1234.js"></script><astro-island');
    expect(html).not.toContain(scriptHash(islandRuntime));
    expect(html).not.toContain(scriptHash(visible));
  });

  it('leaves every other inline script, and the hash that allows it, alone', () => {
    const { html } = externaliseIslandScripts(page, files);
    expect(html).toContain(`<script>${theme}</script>`);
    expect(html).toContain(`'${scriptHash(theme)}'`);
  });

  it('changes nothing on a page without islands', () => {
    const plain = `<html><head>${csp([scriptHash(theme)])}<script>${theme}</script></head><body></body></html>`;
    expect(externaliseIslandScripts(plain, files)).toEqual({ html: plain, used: [] });
  });
});
