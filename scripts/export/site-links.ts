/**
 * Rewrites the site-absolute references of a built page ("/_astro/x.js",
 * "/courses/ml/01-intro/") for a package: into links relative to the page when
 * the target is in the package, into links to the deployed site otherwise.
 * Island props and data attributes carry JSON with paths, so JSON values are
 * rewritten too.
 */
import { posix } from 'node:path';
import { elements, removeElement, setAttr, type HtmlElement } from './html.ts';
import type { DefaultTreeAdapterTypes } from 'parse5';

/** Where a site path goes: a file in the package, or a page of the deployed site. */
export type LinkTarget = { kind: 'file'; file: string } | { kind: 'external'; url: string };
export type LinkResolver = (sitePath: string) => LinkTarget;

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'poster', 'data', 'xlink:href', 'component-url', 'renderer-url', 'before-hydration-url']);

const isSitePath = (value: string) => value.startsWith('/') && !value.startsWith('//');

/**
 * Where an island's code is: the island runtime imports it, and an import resolves against the
 * importing script's URL, not the page's. The build moves the runtime into a file of its own
 * (src/integrations/island-runtime.ts), so in a package these are written relative to that file.
 */
const ISLAND_URL_ATTRIBUTES = new Set(['component-url', 'renderer-url', 'before-hydration-url']);
const ISLAND_RUNTIME = /\/_astro\/island-runtime\.[\w-]+\.js$/;

/** `a/b/index.html` → `a/c/index.html` as `../c/index.html`. */
export function relativeHref(fromFile: string, toFile: string): string {
  const rel = posix.relative(posix.dirname(fromFile), toFile);
  return rel === '' ? posix.basename(toFile) : rel;
}

/** Splits "/a/b/?q=1#x" into the path and the rest. */
function splitPath(value: string): [string, string] {
  const cut = value.search(/[?#]/);
  return cut === -1 ? [value, ''] : [value.slice(0, cut), value.slice(cut)];
}

/** The JSON inside a data attribute or island props, with every site path rewritten; undefined when it is not JSON. */
function rewriteJson(value: string, rewrite: (v: string) => string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return undefined;
  }
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && isSitePath(v)) {
      const out = rewrite(v);
      changed ||= out !== v;
      return out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(data);
  return changed ? JSON.stringify(out) : undefined;
}

/**
 * Rewrites every site-absolute reference under `root`, as seen from the package
 * file `fromFile`. Links leaving the package open the deployed site in a new tab;
 * <link> elements and forms that leave it (feeds, the sitemap, the site search) are dropped.
 */
export function rewriteSiteLinks(root: DefaultTreeAdapterTypes.ParentNode, fromFile: string, resolve: LinkResolver): void {
  const drop: HtmlElement[] = [];
  const rewrite = (value: string, from = fromFile): { value: string; external: boolean } => {
    const [path, rest] = splitPath(value);
    const target = resolve(path);
    if (target.kind === 'external') return { value: target.url + rest, external: true };
    const href = relativeHref(from, target.file);
    return { value: encodeURI(from === fromFile || href.startsWith('.') ? href : `./${href}`) + rest, external: false };
  };
  const all = [...elements(root)];
  const runtimeSrc = all
    .find((el) => el.tagName === 'script' && ISLAND_RUNTIME.test(el.attrs.find((a) => a.name === 'src')?.value ?? ''))
    ?.attrs.find((a) => a.name === 'src')?.value;
  const runtime = runtimeSrc ? resolve(runtimeSrc) : undefined;
  const islandBase = runtime?.kind === 'file' ? runtime.file : fromFile;
  for (const el of all) {
    for (const attr of [...el.attrs]) {
      const value = attr.value.trim();
      if (URL_ATTRIBUTES.has(attr.name) && isSitePath(value)) {
        const out = rewrite(value, ISLAND_URL_ATTRIBUTES.has(attr.name) ? islandBase : fromFile);
        attr.value = out.value;
        if (out.external && (el.tagName === 'link' || el.tagName === 'form')) drop.push(el);
        if (out.external && (el.tagName === 'a' || el.tagName === 'area')) {
          setAttr(el, 'target', '_blank');
          setAttr(el, 'rel', 'noopener');
        }
      } else if (attr.name === 'srcset' || attr.name === 'imagesrcset') {
        attr.value = value
          .split(',')
          .map((part) => {
            const [url, ...descriptor] = part.trim().split(/\s+/);
            return url && isSitePath(url) ? [rewrite(url).value, ...descriptor].join(' ') : part.trim();
          })
          .join(', ');
      } else if ((value.startsWith('[') || value.startsWith('{')) && attr.name !== 'style') {
        const out = rewriteJson(value, (v) => rewrite(v).value);
        if (out !== undefined) attr.value = out;
      }
    }
  }
  for (const el of drop) removeElement(el);
}

/** Rewrites `url(/...)` references in a stylesheet. */
export function rewriteCssUrls(css: string, fromFile: string, resolve: LinkResolver): string {
  return css.replace(/url\((['"]?)(\/[^'")]+)\1\)/g, (whole, quote: string, value: string) => {
    if (!isSitePath(value)) return whole;
    const [path, rest] = splitPath(value);
    const target = resolve(path);
    const out = target.kind === 'file' ? encodeURI(relativeHref(fromFile, target.file)) : target.url;
    return `url(${quote}${out}${rest}${quote})`;
  });
}
