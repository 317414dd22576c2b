import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { fetchThumbnails, thumbnailSummary } from '../../../scripts/pipeline/thumbnails.ts';
import { thumbnailFile, thumbnailPath } from '../../../src/lib/thumbnails.ts';

/** A frame shaped like YouTube's hqdefault: 480×360 with 45 px black bars above and below a 16:9 picture. */
async function letterboxedFrame(): Promise<Buffer> {
  const picture = await sharp({ create: { width: 480, height: 270, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 480, height: 360, channels: 3, background: { r: 0, g: 0, b: 0 } } })
    .composite([{ input: picture, top: 45, left: 0 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

let server: Server;
let base = '';
const requests: string[] = [];
beforeAll(async () => {
  const frame = await letterboxedFrame();
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.startsWith('/vi/aircAruvnKk/')) return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(frame);
    if (req.url?.startsWith('/vi/notAnImage1/')) return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>consent page</html>');
    if (req.url?.startsWith('/vi/slowAnswer1/')) return void setTimeout(() => res.writeHead(200).end(frame), 2000);
    return res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const tempRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'learnspace-thumbs-'));
  mkdirSync(join(root, 'content'), { recursive: true });
  return root;
};
const sourceUrl = (id: string) => `${base}/vi/${id}/hqdefault.jpg`;

describe('video thumbnails stored in the repository', () => {
  it("stores a small 16:9 JPEG without YouTube's black bars, and the site then serves it", async () => {
    const root = tempRoot();
    expect(thumbnailPath('aircAruvnKk', root)).toBe('/thumbnails/aircAruvnKk.svg');
    const [outcome] = await fetchThumbnails(['aircAruvnKk'], { root, sourceUrl });
    expect(outcome).toMatchObject({ id: 'aircAruvnKk', status: 'stored' });
    const stored = readFileSync(thumbnailFile('aircAruvnKk', root));
    expect(stored.byteLength).toBeLessThan(30 * 1024);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 480, 270]);
    const { data } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    // The top-left pixel is the picture, not a letterbox bar.
    expect(data[2]).toBeGreaterThan(150);
    expect(thumbnailPath('aircAruvnKk', root)).toBe('/thumbnails/aircAruvnKk.jpg');
  });

  it('fetches only videos that lack one, unless forced', async () => {
    const root = tempRoot();
    await fetchThumbnails(['aircAruvnKk'], { root, sourceUrl });
    const before = requests.length;
    expect(await fetchThumbnails(['aircAruvnKk'], { root, sourceUrl })).toEqual([{ id: 'aircAruvnKk', status: 'kept' }]);
    expect(requests.length).toBe(before);
    await fetchThumbnails(['aircAruvnKk'], { root, sourceUrl, force: true });
    expect(requests.length).toBe(before + 1);
  });

  it('reports a missing, unreadable or slow image as a failure, writes nothing and keeps the placeholder', async () => {
    const root = tempRoot();
    const outcomes = await fetchThumbnails(['missing0001', 'notAnImage1', 'slowAnswer1'], { root, sourceUrl, timeoutMs: 300 });
    expect(outcomes).toEqual([
      { id: 'missing0001', status: 'failed', error: 'HTTP 404' },
      { id: 'notAnImage1', status: 'failed', error: 'the response is not an image' },
      { id: 'slowAnswer1', status: 'failed', error: 'no answer within 0.3 s' },
    ]);
    for (const id of ['missing0001', 'notAnImage1', 'slowAnswer1']) {
      expect(existsSync(thumbnailFile(id, root))).toBe(false);
      expect(thumbnailPath(id, root)).toBe(`/thumbnails/${id}.svg`);
    }
    expect(thumbnailSummary(outcomes)).toMatch(
      /3 not fetched, shown with a placeholder \(missing0001: HTTP 404; .*\); run `npm run videos -- thumbnails` again later/,
    );
  });

  it('keeps a stored thumbnail when a forced refetch fails', async () => {
    const root = tempRoot();
    await fetchThumbnails(['aircAruvnKk'], { root, sourceUrl });
    const good = readFileSync(thumbnailFile('aircAruvnKk', root));
    const [outcome] = await fetchThumbnails(['aircAruvnKk'], { root, sourceUrl: () => `${base}/gone.jpg`, force: true });
    expect(outcome?.status).toBe('failed');
    expect(readFileSync(thumbnailFile('aircAruvnKk', root)).equals(good)).toBe(true);
  });

  it('says why when the host cannot be reached at all', async () => {
    const root = tempRoot();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const [outcome] = await fetchThumbnails(['aircAruvnKk'], { root, sourceUrl: () => `http://127.0.0.1:${port}/vi/x.jpg` });
    expect(outcome).toEqual({ id: 'aircAruvnKk', status: 'failed', error: 'ECONNREFUSED' });
  });
});
