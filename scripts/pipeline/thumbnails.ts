/**
 * The thumbnail step: fetches each video's thumbnail once, crops YouTube's
 * letterboxed 4:3 image to 16:9, resizes it with sharp and stores a small
 * JPEG in content/generated/thumbnails/ (committed), so pages serve it from
 * the site and no learner's browser asks Google for it. A failed fetch is a
 * reported outcome, never an exception: the site shows a placeholder instead.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { writeFileAtomically } from './atomic-write.ts';
import { THUMBNAIL_HEIGHT, THUMBNAIL_WIDTH, thumbnailFile, thumbnailsDir, youtubeThumbnailUrl } from '../../src/lib/thumbnails.ts';

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Pick<Response, 'ok' | 'status' | 'arrayBuffer' | 'headers'>>;

export interface ThumbnailOptions {
  root: string;
  /** Injected so tests serve images from 127.0.0.1; the real fetch otherwise. */
  fetch?: FetchLike;
  /** Where a video's image is fetched from. */
  sourceUrl?: (id: string) => string;
  /** Fetch again even when a thumbnail is stored. */
  force?: boolean | undefined;
  timeoutMs?: number;
  concurrency?: number;
}

export type ThumbnailOutcome =
  { id: string; status: 'stored'; bytes: number } | { id: string; status: 'kept' } | { id: string; status: 'failed'; error: string };

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** An image (any format sharp reads) as the stored 16:9 JPEG; a 4:3 image loses its letterbox bars. */
export async function toStoredThumbnail(image: Uint8Array): Promise<Buffer> {
  // Loaded here, not at the top: a build whose videos all have thumbnails never needs sharp.
  const { default: sharp } = await import('sharp');
  const source = sharp(image);
  const { width = 0, height = 0 } = await source.metadata();
  if (width === 0 || height === 0) throw new Error('not an image');
  const frameHeight = Math.min(height, Math.round((width * 9) / 16));
  return source
    .extract({ left: 0, top: Math.floor((height - frameHeight) / 2), width, height: frameHeight })
    .resize(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, { fit: 'cover' })
    .jpeg({ quality: 72, mozjpeg: true })
    .toBuffer();
}

async function fetchOne(id: string, options: Required<Pick<ThumbnailOptions, 'fetch' | 'sourceUrl' | 'timeoutMs' | 'root'>>): Promise<ThumbnailOutcome> {
  const url = options.sourceUrl(id);
  try {
    const response = await options.fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    if (!response.ok) return { id, status: 'failed', error: `HTTP ${response.status}` };
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.byteLength > MAX_IMAGE_BYTES) return { id, status: 'failed', error: `image too large (${body.byteLength} bytes)` };
    const jpeg = await toStoredThumbnail(body).catch(() => undefined);
    if (!jpeg) return { id, status: 'failed', error: 'the response is not an image' };
    await writeFileAtomically(thumbnailFile(id, options.root), jpeg);
    return { id, status: 'stored', bytes: jpeg.byteLength };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `no answer within ${options.timeoutMs / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { id, status: 'failed', error: reason };
  }
}

/** Fetches and stores the thumbnails of the given videos that lack one (all of them with `force`). */
export async function fetchThumbnails(ids: readonly string[], options: ThumbnailOptions): Promise<ThumbnailOutcome[]> {
  const { root, force = false, concurrency = 4 } = options;
  const resolved = {
    root,
    fetch: options.fetch ?? (fetch as FetchLike),
    sourceUrl: options.sourceUrl ?? youtubeThumbnailUrl,
    timeoutMs: options.timeoutMs ?? 8000,
  };
  mkdirSync(thumbnailsDir(root), { recursive: true });
  const outcomes: ThumbnailOutcome[] = [];
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      outcomes.push(!force && existsSync(thumbnailFile(id, root)) ? { id, status: 'kept' } : await fetchOne(id, resolved));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return ids.map((id) => outcomes.find((o) => o.id === id)!);
}

/** One line for the prebuild and the CLI: what was stored, and what will show a placeholder. */
export function thumbnailSummary(outcomes: readonly ThumbnailOutcome[]): string {
  const stored = outcomes.filter((o) => o.status === 'stored').length;
  const failed = outcomes.filter((o) => o.status === 'failed');
  const kept = outcomes.length - stored - failed.length;
  const parts = [...(stored > 0 ? [`${stored} stored`] : []), ...(kept > 0 ? [`${kept} already there`] : [])];
  if (failed.length > 0)
    parts.push(
      `${failed.length} not fetched, shown with a placeholder (${failed.map((f) => `${f.id}: ${f.error}`).join('; ')}); run \`npm run videos -- thumbnails\` again later`,
    );
  return `thumbnails: ${parts.join(', ') || 'no videos'}`;
}
