/**
 * Video thumbnails served by the site itself, so no page asks Google's image
 * host for anything: the pipeline stores a small JPEG per video under
 * content/generated/thumbnails/ (committed), and a video without one gets a
 * generated SVG placeholder with its title's initials.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentDir } from './content-files.ts';

/** Stored thumbnails are resized to this (16:9, enough for a 2x card). */
export const THUMBNAIL_WIDTH = 480;
export const THUMBNAIL_HEIGHT = 270;

export function thumbnailsDir(root = process.cwd()): string {
  return join(contentDir(root), 'generated', 'thumbnails');
}
export const thumbnailFile = (id: string, root?: string) => join(thumbnailsDir(root), `${id}.jpg`);

/** YouTube's hqdefault: 480×360, a 16:9 frame between black bars; the pipeline crops it to a stored JPEG. */
export const youtubeThumbnailUrl = (id: string) => `https://i.ytimg.com/vi/${id}/hqdefault.jpg`;

/** The site path of a video's thumbnail: the stored JPEG, or the generated placeholder. */
export function thumbnailPath(id: string, root?: string): string {
  return existsSync(thumbnailFile(id, root)) ? `/thumbnails/${id}.jpg` : `/thumbnails/${id}.svg`;
}

/** Up to two initials from a title's significant words: "But what is a neural network?" → "NN". */
export function titleInitials(title: string): string {
  const minor = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'is', 'in', 'on', 'to', 'for', 'but', 'what', 'how', 'why', 'are', 'it', 'its', 'with', 'by']);
  const words = title.match(/[\p{L}\p{N}]+/gu) ?? [];
  const major = words.filter((w) => !minor.has(w.toLowerCase()));
  const chosen = (major.length > 0 ? major : words).slice(-2);
  return chosen.map((w) => [...w][0]!.toUpperCase()).join('') || '▶';
}

/** A hue from the video id, so placeholders differ from one another but never change between builds. */
function hueOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A 16:9 SVG with the title's initials in the lower left (clear of the play button) on a colour of the video's own. */
export function placeholderSvg(id: string, title: string): string {
  const hue = hueOf(id);
  const initials = escapeXml(titleInitials(title));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${THUMBNAIL_WIDTH} ${THUMBNAIL_HEIGHT}" width="${THUMBNAIL_WIDTH}" height="${THUMBNAIL_HEIGHT}" role="img" aria-label="${escapeXml(title)}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 55% 38%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 60% 24%)"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/>` +
    `<text x="32" y="238" font-family="system-ui, sans-serif" font-size="88" font-weight="700" fill="#fff" fill-opacity="0.9">${initials}</text>` +
    `</svg>\n`
  );
}
