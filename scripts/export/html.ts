/**
 * Small helpers over parse5's tree for reading and rewriting the built site's
 * pages: walk elements, read and change attributes, serialise, escape text.
 */
import { parse, serialize, serializeOuter, type DefaultTreeAdapterTypes } from 'parse5';

export type HtmlDocument = DefaultTreeAdapterTypes.Document;
export type HtmlElement = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

export const parseHtml = (text: string): HtmlDocument => parse(text);
export const serializeDocument = (doc: HtmlDocument): string => serialize(doc);
export const innerHtml = (el: HtmlElement): string => serialize(el);
export const outerHtml = (el: HtmlElement): string => serializeOuter(el);

const isElement = (node: DefaultTreeAdapterTypes.Node): node is HtmlElement => 'tagName' in node;

/** Every element under `node` in document order (template contents included). */
export function* elements(node: ParentNode): Generator<HtmlElement> {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    yield child;
    yield* elements(child.tagName === 'template' ? (child as DefaultTreeAdapterTypes.Template).content : child);
  }
}

export function getAttr(el: HtmlElement, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function setAttr(el: HtmlElement, name: string, value: string): void {
  const attr = el.attrs.find((a) => a.name === name);
  if (attr) attr.value = value;
  else el.attrs.push({ name, value });
}

export function removeAttrs(el: HtmlElement, test: (name: string) => boolean): void {
  el.attrs = el.attrs.filter((a) => !test(a.name));
}

export function removeElement(el: HtmlElement): void {
  const parent = el.parentNode;
  if (parent) parent.childNodes = parent.childNodes.filter((n) => n !== el);
}

/** The first element with this class, e.g. the rendered MDX body (`mdx-body`). */
export function findByClass(root: ParentNode, className: string): HtmlElement | undefined {
  for (const el of elements(root)) if ((getAttr(el, 'class') ?? '').split(/\s+/).includes(className)) return el;
  return undefined;
}

export { escapeHtml } from '../../src/browser/html.ts';
