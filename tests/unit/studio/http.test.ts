/**
 * The studio API's front door over real HTTP on 127.0.0.1: a rebound Host or another origin gets
 * 403 before any handler runs, a non-JSON write 415, and a handler's refusal its status and field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudioMiddleware, type StudioRoute } from '../../../src/studio/http.ts';
import { resolveContentPath } from '../../../src/studio/guard.ts';

let server: Server;
let port: number;
let root: string;
const handled: string[] = [];

const routes: StudioRoute[] = [
  { method: 'GET', pattern: 'ping', handle: async () => ({ status: 200, body: { pong: true } }) },
  {
    method: 'POST',
    pattern: 'files/:name',
    handle: async (request, context) => {
      handled.push(request.params.name ?? '');
      const file = resolveContentPath(context.contentRoot, String((request.body as { path?: unknown }).path ?? ''));
      return { status: 200, body: { file } };
    },
  },
];

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `localhost:${port}`, ...options.headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'learnspace-studio-http-'));
  const middleware = createStudioMiddleware({ routes, context: { projectRoot: root, contentRoot: root } });
  server = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end('{"astro":true}')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

const json = (body: unknown, origin = `http://localhost:${port}`) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin },
  body: JSON.stringify(body),
});

describe('studio API middleware', () => {
  it('serves a route to a local Host and leaves other paths to Astro', async () => {
    expect(await send('/__studio/api/ping')).toEqual({ status: 200, json: { pong: true } });
    expect((await send('/admin/')).status).toBe(404);
  });

  it('refuses a rebound Host name with 403 before any handler runs', async () => {
    const answer = await send('/__studio/api/files/a', {
      ...json({ path: 'a.yaml' }),
      headers: { 'content-type': 'application/json', host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` },
    });
    expect(answer.status).toBe(403);
    expect(String(answer.json.error)).toContain('only requests to localhost');
    expect(handled).not.toContain('a');
  });

  it('refuses a write from another origin, or without one, with 403', async () => {
    expect((await send('/__studio/api/files/b', json({ path: 'b.yaml' }, 'https://evil.example'))).status).toBe(403);
    expect((await send('/__studio/api/files/c', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
    expect(handled).toEqual([]);
  });

  it('refuses a write that is not JSON (what a cross-site form would send)', async () => {
    const answer = await send('/__studio/api/files/d', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://localhost:${port}` },
      body: 'path=x',
    });
    expect(answer.status).toBe(415);
    expect(handled).toEqual([]);
  });

  it('answers a path climbing out of content/ with 400 and the field', async () => {
    const answer = await send('/__studio/api/files/e', json({ path: '../../etc/passwd' }));
    expect(answer).toEqual({ status: 400, json: { error: 'path: "../../etc/passwd" climbs out with ".."; give a path inside content/', field: 'path' } });
  });

  it('names unknown APIs and wrong methods', async () => {
    expect((await send('/__studio/api/nothing')).status).toBe(404);
    expect((await send('/__studio/api/ping', json({}))).status).toBe(405);
  });

  it('refuses everything when the studio is disabled because the server is exposed', async () => {
    const middleware = createStudioMiddleware({ routes, context: { projectRoot: root, contentRoot: root }, disabledBecause: 'the studio is off' });
    const exposed = createServer((req, res) => middleware(req, res, () => res.end()));
    await new Promise<void>((r) => exposed.listen(0, '127.0.0.1', r));
    const answer = await fetch(`http://127.0.0.1:${(exposed.address() as { port: number }).port}/__studio/api/ping`);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: 'the studio is off' });
    await new Promise((r) => exposed.close(r));
  });
});
