/** Serves each stored thumbnail (content/generated/thumbnails/<id>.jpg) from the site, never from YouTube. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { existsSync, readFileSync } from 'node:fs';
import { getPublicLibrary } from '../../site/catalog.ts';
import { thumbnailFile } from '../../lib/thumbnails.ts';

export const getStaticPaths = (async () => {
  const library = await getPublicLibrary();
  return [...library.keys()].filter((id) => existsSync(thumbnailFile(id))).map((id) => ({ params: { id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => new Response(readFileSync(thumbnailFile(params.id!)), { headers: { 'content-type': 'image/jpeg' } });
