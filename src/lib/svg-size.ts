/**
 * The intrinsic size of an SVG file, read at build time so an `<img>` showing it carries width and
 * height and the page keeps its place before the image arrives (no layout shift, issue 23).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ImageSize {
  width: number;
  height: number;
}

/** A length in user units (`640`, `640px`); relative lengths (`100%`, `2em`) say nothing about the size. */
function userUnits(value: string | undefined): number | undefined {
  const m = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)(?:px)?\s*$/.exec(value);
  const n = m ? Number(m[1]) : NaN;
  return n > 0 ? n : undefined;
}

/** The root `<svg>` element's width and height, completed from its viewBox's proportions; null when it has neither. */
export function svgSize(source: string): ImageSize | null {
  const tag = /<svg\b([^>]*)>/i.exec(source)?.[1];
  if (tag === undefined) return null;
  const attribute = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i')
      .exec(tag)
      ?.slice(1)
      .find((v) => v !== undefined);
  const width = userUnits(attribute('width'));
  const height = userUnits(attribute('height'));
  const box = attribute('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const [boxWidth, boxHeight] = box?.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0 ? [box[2]!, box[3]!] : [];
  if (width && height) return { width, height };
  if (boxWidth && boxHeight) {
    if (width) return { width, height: Math.round((width * boxHeight) / boxWidth) };
    if (height) return { width: Math.round((height * boxWidth) / boxHeight), height };
    return { width: boxWidth, height: boxHeight };
  }
  return null;
}

/** The size of an SVG served from public/ (a site path like "/files/network.svg"); null for other images or a missing file. */
export function publicSvgSize(sitePath: string, root = process.cwd()): ImageSize | null {
  if (!/^\/[^/].*\.svg$/i.test(sitePath)) return null;
  try {
    return svgSize(readFileSync(join(root, 'public', decodeURIComponent(sitePath)), 'utf8'));
  } catch {
    return null;
  }
}
