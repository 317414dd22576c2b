/** A generated placeholder for each video whose thumbnail could not be fetched (yet). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { existsSync } from 'node:fs';
import { getPublicLibrary, type LibraryVideo } from '../../site/catalog.ts';
import { placeholderSvg, thumbnailFile } from '../../lib/thumbnails.ts';

export const getStaticPaths = (async () => {
  const library = await getPublicLibrary();
  return [...library.values()].filter((video) => !existsSync(thumbnailFile(video.id))).map((video) => ({ params: { id: video.id }, props: { video } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ video: LibraryVideo }> = ({ props }) =>
  new Response(placeholderSvg(props.video.id, props.video.title), { headers: { 'content-type': 'image/svg+xml' } });
