/**
 * The studio's JSON API under /__studio/api/, as a connect middleware for Vite's dev server:
 * a small route table, the guards of guard.ts before every handler, JSON bodies in and out,
 * and refusals turned into `{ error, field? }` with their status. Never part of a build.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkHost, checkOrigin, StudioRefusal } from './guard.ts';
import { redactorFromEnv } from '../lib/redact.ts';

export const STUDIO_API_PREFIX = '/__studio/api/';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface StudioContext {
  /** The project root (where astro.config.mjs is). */
  projectRoot: string;
  /** The content folder writes are confined to. */
  contentRoot: string;
}

export interface StudioRequest {
  method: string;
  /** Route parameters (`:id` in a pattern). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body of a write; undefined for GET. */
  body: unknown;
  raw: IncomingMessage;
}

/** A JSON answer; handlers that stream (server-sent events) write to the response themselves and return 'streamed'. */
export interface StudioReply {
  status: number;
  body: unknown;
}

export interface StudioRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below /__studio/api/, e.g. `videos/:id/retry`. */
  pattern: string;
  handle(request: StudioRequest, context: StudioContext, response: ServerResponse): Promise<StudioReply | 'streamed'>;
}

type Next = (error?: unknown) => void;

/** Matches `videos/:id` against `videos/abc`; undefined when it does not match. */
function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith(':')) {
      if (!value) return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        throw new StudioRefusal(400, `the address /__studio/api/${path} is not valid percent-encoding`);
      }
    } else if (part !== value) return undefined;
  }
  return params;
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  // Only JSON: a cross-site form cannot send it without a CORS preflight, which the studio never grants.
  if (type !== 'application/json') throw new StudioRefusal(415, 'the studio accepts changes only as JSON (Content-Type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new StudioRefusal(413, `the request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StudioRefusal(400, 'the request body is not valid JSON');
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.end(JSON.stringify(body));
}

export interface StudioMiddlewareOptions {
  /** The routes, or a function loading them on the first request. */
  routes: readonly StudioRoute[] | (() => Promise<readonly StudioRoute[]>);
  context: StudioContext;
  /** Set when the dev server listens beyond this machine: every request is refused with this message. */
  disabledBecause?: string;
  log?: (line: string) => void;
}

/** The connect middleware serving /__studio/api/; other paths go on to Astro. */
export function createStudioMiddleware({ routes: routeSource, context, disabledBecause, log = () => {} }: StudioMiddlewareOptions) {
  const redact = redactorFromEnv(process.env, { root: context.projectRoot });
  return (request: IncomingMessage, response: ServerResponse, next: Next): void => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(STUDIO_API_PREFIX)) return next();
    void (async () => {
      try {
        if (disabledBecause) throw new StudioRefusal(403, disabledBecause);
        checkHost(request.headers.host);
        const method = (request.method ?? 'GET').toUpperCase();
        checkOrigin({
          method,
          origin: request.headers.origin,
          host: request.headers.host,
          fetchSite: request.headers['sec-fetch-site'] as string | undefined,
          secure: Boolean((request.socket as { encrypted?: boolean }).encrypted),
        });
        const path = url.pathname.slice(STUDIO_API_PREFIX.length).replace(/\/$/, '');
        const routes = typeof routeSource === 'function' ? await routeSource() : routeSource;
        const candidates = routes.map((route) => ({ route, params: matchPattern(route.pattern, path) })).filter((c) => c.params);
        if (candidates.length === 0) throw new StudioRefusal(404, `the studio has no API at ${url.pathname}`);
        const found = candidates.find((c) => c.route.method === method);
        if (!found?.params) throw new StudioRefusal(405, `${url.pathname} does not accept ${method}`);
        const body = method === 'GET' || method === 'DELETE' ? undefined : await readJsonBody(request);
        const reply = await found.route.handle({ method, params: found.params, query: url.searchParams, body, raw: request }, context, response);
        if (reply !== 'streamed') sendJson(response, reply.status, reply.body);
      } catch (error) {
        if (response.headersSent) return void response.end();
        if (StudioRefusal.is(error)) return sendJson(response, error.status, { error: error.message, ...(error.field ? { field: error.field } : {}) });
        const message = redact(error instanceof Error ? error.message : String(error));
        log(`studio: ${request.method} ${url.pathname} failed: ${message}`);
        sendJson(response, 500, { error: `the studio could not do that: ${message}` });
      }
    })();
  };
}
