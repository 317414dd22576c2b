/**
 * A package's pages must work from any folder an LMS unpacks them into: site
 * paths become relative links inside the package and links to the deployed
 * site outside it, including the paths inside island props and data attributes.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml, serializeDocument } from '../../../scripts/export/html.ts';
import { relativeHref, rewriteCssUrls, rewriteSiteLinks, type LinkResolver } from '../../../scripts/export/site-links.ts';

const inPackage = new Set([
  'courses/c/index.html',
  'courses/c/ch/a/index.html',
  'courses/c/ch/b/index.html',
  '_astro/app.js',
  '_astro/site.css',
  'files/x y.pdf',
  'fonts/f.woff2',
]);
const resolve: LinkResolver = (path) => {
  const file = decodeURI(path).replace(/^\//, '');
  const page = file === '' || file.endsWith('/') ? `${file}index.html` : file;
  if (inPackage.has(page)) return { kind: 'file', file: page };
  return { kind: 'external', url: `https://site.example${path}` };
};

function rewrite(html: string, from = 'courses/c/ch/a/index.html'): string {
  const doc = parseHtml(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  rewriteSiteLinks(doc, from, resolve);
  return serializeDocument(doc).replace(/^.*<body>|<\/body>.*$/gs, '');
}

describe('rewriting site links for a package', () => {
  it('makes links between the course pages relative, keeping the fragment', () => {
    expect(rewrite('<a href="/courses/c/ch/b/">next</a><a href="/courses/c/#chapter-ch">up</a>')).toBe(
      '<a href="../b/index.html">next</a><a href="../../index.html#chapter-ch">up</a>',
    );
  });

  it('points scripts, styles and files at their copies', () => {
    expect(rewrite('<script type="module" src="/_astro/app.js"></script><img src="/files/x%20y.pdf" srcset="/files/x%20y.pdf 2x">')).toBe(
      '<script type="module" src="../../../../_astro/app.js"></script><img src="../../../../files/x%20y.pdf" srcset="../../../../files/x%20y.pdf 2x">',
    );
  });

  it('sends links to pages outside the package to the deployed site in a new tab', () => {
    expect(rewrite('<a href="/videos/abc/">video</a>')).toBe('<a href="https://site.example/videos/abc/" target="_blank" rel="noopener">video</a>');
  });

  it('drops the site search form and feed links that cannot work inside a package', () => {
    const out = rewrite('<form action="/search/"><input name="q"></form><link rel="alternate" href="/rss.xml"><p>kept</p>');
    expect(out).toBe('<p>kept</p>');
  });

  it('rewrites paths inside island props and data attributes', () => {
    const items = JSON.stringify([{ key: 'c/ch/b', href: '/courses/c/ch/b/' }]);
    const out = rewrite(`<astro-island component-url="/_astro/app.js" props="${items.replaceAll('"', '&quot;')}"></astro-island>`);
    expect(out).toContain('component-url="../../../../_astro/app.js"');
    expect(out).toContain('&quot;href&quot;:&quot;../b/index.html&quot;');
  });

  it('leaves absolute, protocol-relative and in-page links alone', () => {
    const html = '<a href="https://example.org/">a</a><a href="//cdn.example/x.js">b</a><a href="#top">c</a>';
    expect(rewrite(html)).toBe(html);
  });

  it('rewrites url() in stylesheets relative to the stylesheet', () => {
    expect(rewriteCssUrls('@font-face{src:url("/fonts/f.woff2")}a{b:url(/nope.png)}', '_astro/site.css', resolve)).toBe(
      '@font-face{src:url("../fonts/f.woff2")}a{b:url(https://site.example/nope.png)}',
    );
  });

  it('computes relative paths between package files', () => {
    expect(relativeHref('courses/c/ch/a/index.html', 'courses/c/ch/a/index.html')).toBe('index.html');
    expect(relativeHref('index.html', 'courses/c/index.html')).toBe('courses/c/index.html');
  });
});
